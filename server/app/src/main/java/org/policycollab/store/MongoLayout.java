package org.policycollab.store;

import static org.policycollab.store.BsonJson.documentValue;
import static org.policycollab.store.BsonJson.longValue;
import static org.policycollab.store.BsonJson.number;
import static org.policycollab.store.BsonJson.stringValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;
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

  /** A listing's line from a snapshot document read with {@code _id}, {@code _v}, {@code _type}, {@code _m}. */
  static DocumentStore.Listed listed(BsonDocument document) {
    BsonValue id = document.get("_id");
    BsonDocument meta = documentValue(document, "_m");
    return new DocumentStore.Listed(
        id != null && id.isString() ? id.asString().getValue() : String.valueOf(id),
        longValue(document, "_v"),
        stringValue(document, "_type"),
        meta == null ? 0 : longValue(meta, "mtime"));
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

  /**
   * The op as stored, in sharedb-mongo's field order. Written straight to BSON bytes: it is built once
   * per commit and only sent, so a tree of BSON values would be garbage the driver walks once.
   */
  static RawBsonDocument opDocument(StoredOp op, ObjectId id, ObjectId previous) {
    if (!op.isCreate() && !op.deleted() && !op.isEdit()) {
      throw new IllegalArgumentException("op " + op.version() + " of " + op.docId() + " has no kind");
    }
    BasicOutputBuffer buffer = new BasicOutputBuffer(256);
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      writer.writeStartDocument();
      writer.writeObjectId("_id", id);
      writer.writeString("d", op.docId());
      writer.writeName("v");
      BsonJson.writeNumber(writer, number(op.version()));
      if (op.src() == null) {
        writer.writeNull("src");
      } else {
        writer.writeString("src", op.src());
      }
      writer.writeName("seq");
      BsonJson.writeNumber(writer, number(op.seq()));
      if (op.isCreate()) {
        writer.writeStartDocument("create");
        writer.writeString("type", op.createType());
        if (op.createData() != null) {
          writer.writeName("data");
          BsonJson.write(writer, op.createData());
        }
        writer.writeEndDocument();
      } else if (op.deleted()) {
        writer.writeBoolean("del", true);
      } else {
        // As the stock server stores an op its client sent: the plain array of components, one nested
        // document fewer for the store to decode and keep than the {ops: [...]} it stores after a transform.
        writer.writeName("op");
        BsonJson.write(writer, op.op().isArray() ? op.op() : op.op().get("ops"));
      }
      writer.writeStartDocument("m");
      writer.writeName("ts");
      BsonJson.writeNumber(writer, number(op.timestamp()));
      if (op.userId() != null) {
        writer.writeString("user", op.userId());
      }
      if (op.deleted() && op.deletedData() != null) {
        writer.writeName("data");
        BsonJson.write(writer, op.deletedData());
      }
      writer.writeEndDocument();
      if (previous == null) {
        writer.writeNull("o");
      } else {
        writer.writeObjectId("o", previous);
      }
      writer.writeEndDocument();
    }
    return new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition());
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
