package org.policycollab.store;

import static org.policycollab.store.BsonJson.documentValue;
import static org.policycollab.store.BsonJson.longValue;
import static org.policycollab.store.BsonJson.number;
import static org.policycollab.store.BsonJson.stringValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

/**
 * The sharedb-mongo document layout (protocol.md §6), both ways. Reading is lenient: it accepts what
 * stock sharedb-mongo and sharedb-milestone-mongo wrote (ops as plain arrays, {@code c:null}, numbers of
 * any BSON type) as well as what we write.
 */
final class MongoLayout {
  private static final Set<String> SNAPSHOT_META = Set.of("_id", "_type", "_v", "_m", "_o");

  private MongoLayout() {}

  static String opsCollection(String collection) {
    return "o_" + collection;
  }

  static String milestonesCollection(String collection) {
    return "m_" + collection;
  }

  static BsonDocument snapshotDocument(Snapshot snapshot) {
    BsonDocument document = new BsonDocument("_id", new BsonString(snapshot.docId()));
    document.append("_type", snapshot.type() == null ? BsonNull.VALUE : new BsonString(snapshot.type()));
    document.append("_v", number(snapshot.version()));
    if (snapshot.exists()) {
      JsonNode data = snapshot.data();
      if (data != null && data.isObject() && !clashesWithMeta(data)) {
        // Object data (rich-text: {ops}) sits at the top level, as sharedb-mongo stores it.
        BsonJson.toBsonDocument(data).forEach(document::append);
      } else {
        document.append("_data", data == null ? BsonNull.VALUE : BsonJson.toBson(data));
      }
    }
    if (snapshot.lastOpId() != null) {
      document.append("_o", new BsonObjectId(new ObjectId(snapshot.lastOpId())));
    }
    BsonDocument meta = new BsonDocument("ctime", number(snapshot.createdAt()));
    meta.append("mtime", number(snapshot.modifiedAt()));
    Snapshot.CreateMark create = snapshot.create();
    if (create != null) {
      meta.append(
          "_create",
          new BsonDocument("src", new BsonString(create.src()))
              .append("seq", number(create.seq()))
              .append("v", number(create.version())));
    }
    document.append("_m", meta);
    return document;
  }

  /** Data with a key like {@code _id} would overwrite the snapshot's own fields if stored top level. */
  private static boolean clashesWithMeta(JsonNode data) {
    return data.has("_data") || SNAPSHOT_META.stream().anyMatch(data::has);
  }

  static Snapshot snapshot(String docId, BsonDocument document) {
    if (document == null) {
      return Snapshot.missing(docId);
    }
    String type = stringValue(document, "_type");
    JsonNode data = null;
    if (type != null) {
      data = document.containsKey("_data") ? dataValue(document.get("_data")) : topLevelData(document);
    }
    BsonDocument meta = documentValue(document, "_m");
    long createdAt = meta == null ? 0 : longValue(meta, "ctime");
    long modifiedAt = meta == null ? 0 : longValue(meta, "mtime");
    BsonDocument create = meta == null ? null : documentValue(meta, "_create");
    return new Snapshot(
        docId,
        longValue(document, "_v"),
        type,
        data,
        createdAt,
        modifiedAt,
        create == null
            ? null
            : new Snapshot.CreateMark(
                stringValue(create, "src"), longValue(create, "seq"), longValue(create, "v")),
        objectIdHex(document.get("_o")));
  }

  private static JsonNode topLevelData(BsonDocument document) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    document.forEach(
        (key, value) -> {
          if (!SNAPSHOT_META.contains(key)) {
            data.set(key, BsonJson.toJson(value));
          }
        });
    return data;
  }

  static BsonDocument opDocument(StoredOp op, ObjectId id, ObjectId previous) {
    BsonDocument document = new BsonDocument("_id", new BsonObjectId(id));
    document.append("d", new BsonString(op.docId()));
    document.append("v", number(op.version()));
    document.append("src", op.src() == null ? BsonNull.VALUE : new BsonString(op.src()));
    document.append("seq", number(op.seq()));
    BsonDocument meta = new BsonDocument("ts", number(op.timestamp()));
    if (op.userId() != null) {
      meta.append("user", new BsonString(op.userId()));
    }
    if (op.isCreate()) {
      BsonDocument create = new BsonDocument("type", new BsonString(op.createType()));
      if (op.createData() != null) {
        create.append("data", BsonJson.toBson(op.createData()));
      }
      document.append("create", create);
    } else if (op.deleted()) {
      document.append("del", BsonBoolean.TRUE);
      if (op.deletedData() != null) {
        meta.append("data", BsonJson.toBson(op.deletedData()));
      }
    } else if (op.isEdit()) {
      // As the stock server stores an op its client sent: the plain array of components, one nested
      // document fewer for the store to decode and keep than the {ops: [...]} it stores after a transform.
      JsonNode components = op.op().isArray() ? op.op() : op.op().get("ops");
      document.append("op", BsonJson.toBson(components));
    } else {
      throw new IllegalArgumentException("op " + op.version() + " of " + op.docId() + " has no kind");
    }
    document.append("m", meta);
    document.append("o", previous == null ? BsonNull.VALUE : new BsonObjectId(previous));
    return document;
  }

  static StoredOp op(BsonDocument document) {
    BsonDocument meta = documentValue(document, "m");
    BsonDocument create = documentValue(document, "create");
    boolean deleted = document.isBoolean("del") && document.getBoolean("del").getValue();
    JsonNode edit = document.containsKey("op") ? editOps(document.get("op")) : null;
    return new StoredOp(
        objectIdHex(document.get("_id")),
        stringValue(document, "d"),
        longValue(document, "v"),
        stringValue(document, "src"),
        longValue(document, "seq"),
        create == null && !deleted ? edit : null,
        create == null ? null : stringValue(create, "type"),
        create == null || !create.containsKey("data") ? null : BsonJson.toJson(create.get("data")),
        deleted,
        deleted && meta != null && meta.containsKey("data") ? BsonJson.toJson(meta.get("data")) : null,
        meta == null ? 0 : longValue(meta, "ts"),
        objectIdHex(document.get("o")),
        meta == null ? null : stringValue(meta, "user"));
  }

  /** Stock stores an untransformed op as the client sent it, a plain array: always hand out {ops}. */
  private static JsonNode editOps(BsonValue op) {
    JsonNode json = BsonJson.toJson(op);
    if (json.isArray()) {
      ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
      wrapped.set("ops", json);
      return wrapped;
    }
    return json;
  }

  static BsonDocument milestoneDocument(Snapshot snapshot) {
    return new BsonDocument("d", new BsonString(snapshot.docId()))
        .append("v", number(snapshot.version()))
        .append("type", snapshot.type() == null ? BsonNull.VALUE : new BsonString(snapshot.type()))
        .append("data", snapshot.data() == null ? BsonNull.VALUE : BsonJson.toBson(snapshot.data()))
        .append(
            "m",
            new BsonDocument("ctime", number(snapshot.createdAt()))
                .append("mtime", number(snapshot.modifiedAt())));
  }

  static Snapshot milestone(BsonDocument document) {
    BsonDocument meta = documentValue(document, "m");
    String type = stringValue(document, "type");
    return new Snapshot(
        stringValue(document, "d"),
        longValue(document, "v"),
        type,
        type == null ? null : dataValue(document.get("data")),
        meta == null ? 0 : longValue(meta, "ctime"),
        meta == null ? 0 : longValue(meta, "mtime"),
        null,
        null);
  }

  private static JsonNode dataValue(BsonValue value) {
    return value == null || value.isNull() ? null : BsonJson.toJson(value);
  }

  static String objectIdHex(BsonValue value) {
    return value != null && value.isObjectId() ? value.asObjectId().getValue().toHexString() : null;
  }

  static ObjectId objectId(BsonValue value) {
    return value != null && value.isObjectId() ? value.asObjectId().getValue() : null;
  }
}
