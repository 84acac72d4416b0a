package org.policycollab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policycollab.store.StoreFixtures.RICH_TEXT;
import static org.policycollab.store.StoreFixtures.check;
import static org.policycollab.store.StoreFixtures.createOp;
import static org.policycollab.store.StoreFixtures.editOp;
import static org.policycollab.store.StoreFixtures.json;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

/**
 * Data written by the stock Node stack (sharedb + sharedb-mongo): the documents below are what it
 * stores, byte for byte as the Node driver encodes them (JavaScript numbers as int32 or double, ops as
 * sent, {@code c}, no unique index, crash orphans).
 */
interface SharedbMongoDataContract {
  String DOCS = "docs";

  DocumentStore store();

  MongoDatabase raw();

  Vertx vertx();

  private static String hex(ObjectId id) {
    return id.toHexString();
  }

  private <T> Future<List<T>> run(Publisher<T> publisher) {
    Context context = vertx().getOrCreateContext();
    return PublisherFutures.all(publisher, context);
  }

  private MongoCollection<BsonDocument> collection(String name) {
    return raw().getCollection(name, BsonDocument.class);
  }

  private static BsonDocument op(ObjectId id, String docId, int v, ObjectId previous, String rest) {
    String link = previous == null ? "null" : "{\"$oid\":\"" + previous.toHexString() + "\"}";
    return BsonDocument.parse(
        "{\"_id\":{\"$oid\":\"" + id.toHexString() + "\"},\"d\":\"" + docId + "\",\"v\":" + v + ","
            + rest + ",\"o\":" + link + "}");
  }

  private static String stockEdit(int seq, String op) {
    return "\"src\":\"4481aa\",\"seq\":" + seq + ",\"op\":" + op
        + ",\"c\":null,\"m\":{\"ts\":{\"$numberDouble\":\"1764287000500\"}}";
  }

  @Test
  @DisplayName("a database laid out by stock sharedb-mongo reads back, and takes new commits")
  default void stockLayout(VertxTestContext test) {
    ObjectId id0 = new ObjectId();
    ObjectId id1 = new ObjectId();
    ObjectId id2 = new ObjectId();
    List<BsonDocument> ops = List.of(
        op(id0, "sx", 0, null, "\"src\":\"1c31\",\"seq\":1,\"create\":{\"type\":\"" + RICH_TEXT
            + "\",\"data\":[{\"insert\":\"a\\n\"}]},\"c\":\"docs\","
            + "\"m\":{\"ts\":{\"$numberDouble\":\"1764287000000\"}}"),
        op(id1, "sx", 1, id0, stockEdit(2, "[{\"insert\":\"b\"}]")),
        op(id2, "sx", 2, id1, stockEdit(3,
            "{\"ops\":[{\"retain\":1},{\"insert\":\"Y\",\"attributes\":{\"bold\":true}}]}")));
    BsonDocument snapshot = BsonDocument.parse(
        "{\"_id\":\"sx\",\"_type\":\"" + RICH_TEXT + "\",\"_v\":3,"
            + "\"ops\":[{\"insert\":\"b\"},{\"insert\":\"Y\",\"attributes\":{\"bold\":true}},"
            + "{\"insert\":\"a\\n\"}],\"_o\":{\"$oid\":\"" + id2.toHexString() + "\"},"
            + "\"_m\":{\"ctime\":{\"$numberDouble\":\"1764287000000\"},"
            + "\"mtime\":{\"$numberDouble\":\"1764287000500\"},"
            + "\"_create\":{\"src\":\"1c31\",\"seq\":1,\"v\":0}}}");
    Future<List<StoredOp>> read =
        run(collection("o_" + DOCS).insertMany(ops))
            .compose(done -> run(collection(DOCS).insertOne(snapshot)))
            .compose(done -> store().snapshot(DOCS, "sx"))
            .map(loaded -> {
              assertThat(loaded).isEqualTo(new Snapshot(
                  "sx", 3, RICH_TEXT,
                  json("{\"ops\":[{\"insert\":\"b\"},{\"insert\":\"Y\",\"attributes\":{\"bold\":true}},"
                      + "{\"insert\":\"a\\n\"}]}"),
                  1_764_287_000_000L, 1_764_287_000_500L, new Snapshot.CreateMark("1c31", 1, 0),
                  id2.toHexString()));
              return loaded;
            })
            .compose(loaded -> store().ops(DOCS, "sx", 0, Long.MAX_VALUE));
    Future<Throwable> retaken =
        read.compose(loaded -> store().commit(DOCS, List.of(editOp("sx", 3, "!", null, hex(id2)))))
            .compose(done -> store().commit(DOCS, List.of(editOp("sx", 2, "late", null, hex(id1)))))
            .transform(result -> Future.succeededFuture(result.cause()));
    check(test, Future.all(read, retaken), all -> {
      List<StoredOp> loaded = read.result();
      assertThat(loaded).containsExactly(
          new StoredOp(id0.toHexString(), "sx", 0, "1c31", 1, null, RICH_TEXT,
              json("[{\"insert\":\"a\\n\"}]"), false, null, 1_764_287_000_000L, null, null),
          new StoredOp(id1.toHexString(), "sx", 1, "4481aa", 2, json("{\"ops\":[{\"insert\":\"b\"}]}"),
              null, null, false, null, 1_764_287_000_500L, id0.toHexString(), null),
          new StoredOp(id2.toHexString(), "sx", 2, "4481aa", 3,
              json("{\"ops\":[{\"retain\":1},{\"insert\":\"Y\",\"attributes\":{\"bold\":true}}]}"),
              null, null, false, null, 1_764_287_000_500L, id1.toHexString(), null));
      assertThat(retaken.result()).isInstanceOf(CommitConflictException.class);
    });
  }

  @Test
  @DisplayName("what we write is laid out as sharedb-mongo writes it")
  default void writtenLayout(VertxTestContext test) {
    String id0 = new ObjectId().toHexString();
    String id1 = new ObjectId().toHexString();
    StoredOp created = createOp("wx", 0, "a\n", id0, null);
    StoredOp edited = new StoredOp(id1, "wx", 1, "src-a", 2, json("{\"ops\":[{\"insert\":\"b\"}]}"),
        null, null, false, null, 1_764_287_000_001L, id0, "ana");
    Snapshot snapshot = new Snapshot("wx", 2, RICH_TEXT, json("{\"ops\":[{\"insert\":\"ba\\n\"}]}"),
        1_764_287_000_000L, 1_764_287_000_001L, new Snapshot.CreateMark("src-a", 1, 0), id1);
    Future<List<BsonDocument>> raw =
        store().commit(DOCS, List.of(created, edited))
            .compose(done -> store().saveSnapshot(DOCS, snapshot))
            .compose(done -> Future.all(
                run(collection(DOCS).find()),
                run(collection("o_" + DOCS).find().sort(Indexes.ascending("v")))))
            .map(all -> {
              List<BsonDocument> documents = new ArrayList<>(all.<List<BsonDocument>>resultAt(0));
              documents.addAll(all.<List<BsonDocument>>resultAt(1));
              return documents;
            });
    check(test, raw, documents -> {
      assertThat(documents.get(0)).isEqualTo(BsonDocument.parse(
          "{\"_id\":\"wx\",\"_type\":\"" + RICH_TEXT + "\",\"_v\":2,\"ops\":[{\"insert\":\"ba\\n\"}],"
              + "\"_o\":{\"$oid\":\"" + id1 + "\"},\"_m\":{\"ctime\":1764287000000.0,"
              + "\"mtime\":1764287000001.0,\"_create\":{\"src\":\"src-a\",\"seq\":1,\"v\":0}}}"));
      assertThat(documents.get(1)).isEqualTo(op(new ObjectId(id0), "wx", 0, null,
          "\"src\":\"src-a\",\"seq\":1,\"create\":{\"type\":\"" + RICH_TEXT + "\","
              + "\"data\":[{\"insert\":\"a\\n\"}]},\"m\":{\"ts\":1764287000000.0}"));
      assertThat(documents.get(2)).isEqualTo(op(new ObjectId(id1), "wx", 1, new ObjectId(id0),
          "\"src\":\"src-a\",\"seq\":2,\"op\":[{\"insert\":\"b\"}],"
              + "\"m\":{\"ts\":1764287000001.0,\"user\":\"ana\"}"));
    });
  }

  @Test
  @DisplayName("sharedb-mongo's orphans are removed and the commit guard set up beside its own index")
  default void orphansAndIndexMigration(VertxTestContext test) {
    ObjectId id0 = new ObjectId();
    ObjectId orphan1 = new ObjectId(); // inserted before the op that won: the id order is no guide
    ObjectId id1 = new ObjectId();
    ObjectId id2 = new ObjectId();
    ObjectId orphan2 = new ObjectId();
    List<BsonDocument> ops = List.of(
        op(id0, "mx", 0, null, stockEdit(1, "[{\"insert\":\"a\"}]")),
        op(orphan1, "mx", 1, id0, stockEdit(2, "[{\"insert\":\"lost\"}]")),
        op(id1, "mx", 1, id0, stockEdit(2, "[{\"insert\":\"b\"}]")),
        op(id2, "mx", 2, id1, stockEdit(3, "[{\"insert\":\"c\"}]")),
        op(orphan2, "mx", 2, id1, stockEdit(4, "[{\"insert\":\"lost too\"}]")),
        op(new ObjectId(), "other", 0, null, stockEdit(9, "[{\"insert\":\"z\"}]")));
    BsonDocument snapshot = BsonDocument.parse(
        "{\"_id\":\"mx\",\"_type\":\"" + RICH_TEXT + "\",\"_v\":3,\"ops\":[{\"insert\":\"abc\"}],"
            + "\"_o\":{\"$oid\":\"" + id2.toHexString() + "\"},\"_m\":{\"ctime\":1,\"mtime\":2}}");
    MongoCollection<BsonDocument> opLog = collection("o_" + DOCS);
    Future<List<StoredOp>> read =
        run(opLog.createIndex(Indexes.ascending("d", "v")))
            .compose(done -> run(opLog.createIndex(Indexes.ascending("src", "seq", "v"))))
            .compose(done -> run(opLog.insertMany(ops)))
            .compose(done -> run(collection(DOCS).insertOne(snapshot)))
            .compose(done -> store().ops(DOCS, "mx", 0, Long.MAX_VALUE));
    Future<List<BsonDocument>> left = read.compose(done -> run(opLog.find()));
    Future<List<BsonDocument>> indexes =
        left.compose(done -> run(opLog.listIndexes(BsonDocument.class)));
    Future<Throwable> retaken = indexes
        .compose(done -> store().commit(DOCS, List.of(editOp("mx", 1, "again", null, hex(id0)))))
        .transform(result -> Future.succeededFuture(result.cause()));
    check(test, retaken, conflict -> {
      assertThat(read.result()).extracting(StoredOp::opId)
          .containsExactly(id0.toHexString(), id1.toHexString(), id2.toHexString());
      assertThat(left.result()).hasSize(4).noneMatch(doc -> doc.get("_id").asObjectId().getValue()
          .equals(orphan1) || doc.get("_id").asObjectId().getValue().equals(orphan2));
      assertThat(indexes.result()).anyMatch(index -> isCommitGuard(index));
      assertThat(indexes.result()).noneMatch(index -> isStockIndex(index) && isUnique(index));
      assertThat(conflict).isInstanceOf(CommitConflictException.class);
    });
  }

  private static boolean isCommitGuard(BsonDocument index) {
    return index.getDocument("key").equals(BsonDocument.parse("{\"d\":1,\"v\":-1}")) && isUnique(index);
  }

  private static boolean isStockIndex(BsonDocument index) {
    return index.getDocument("key").equals(BsonDocument.parse("{\"d\":1,\"v\":1}"));
  }

  private static boolean isUnique(BsonDocument index) {
    return index.getBoolean("unique", org.bson.BsonBoolean.FALSE).getValue();
  }

  @Test
  @DisplayName("the stock server can still create its own op index after this store set the collection up")
  default void stockIndexAfterOurs(VertxTestContext test) {
    MongoCollection<BsonDocument> opLog = collection("o_" + DOCS);
    Future<List<BsonDocument>> indexes =
        store().commit(DOCS, List.of(createOp("ix", 0, "a\n", new ObjectId().toHexString(), null)))
            // What sharedb-mongo 6 runs on its first use of an op collection.
            .compose(done -> run(opLog.createIndex(Indexes.ascending("d", "v"), new IndexOptions().background(true))))
            .compose(done -> run(opLog.createIndex(Indexes.ascending("src", "seq", "v"), new IndexOptions().background(true))))
            .compose(done -> run(opLog.listIndexes(BsonDocument.class)));
    check(test, indexes, found -> assertThat(found).anyMatch(index -> isCommitGuard(index)));
  }

  @Test
  @DisplayName("an op index made unique by an earlier build is handed back to sharedb-mongo, the guard kept")
  default void earlierGuardMigrates(VertxTestContext test) {
    MongoCollection<BsonDocument> opLog = collection("o_" + DOCS);
    ObjectId id0 = new ObjectId();
    Future<List<BsonDocument>> indexes =
        run(opLog.createIndex(Indexes.ascending("d", "v"), new IndexOptions().unique(true)))
            .compose(done -> run(opLog.insertOne(op(id0, "ex", 0, null, stockEdit(1, "[{\"insert\":\"a\"}]")))))
            .compose(done -> store().ops(DOCS, "ex", 0, Long.MAX_VALUE))
            .compose(done -> run(opLog.createIndex(Indexes.ascending("d", "v"), new IndexOptions().background(true))))
            .compose(done -> run(opLog.listIndexes(BsonDocument.class)));
    Future<Throwable> retaken = indexes
        .compose(done -> store().commit(DOCS, List.of(editOp("ex", 0, "again", null, null))))
        .transform(result -> Future.succeededFuture(result.cause()));
    check(test, retaken, conflict -> {
      assertThat(indexes.result()).anyMatch(index -> isCommitGuard(index));
      assertThat(indexes.result()).noneMatch(index -> isStockIndex(index) && isUnique(index));
      assertThat(conflict).isInstanceOf(CommitConflictException.class);
    });
  }
}
