package org.policycollab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policycollab.store.StoreFixtures.RICH_TEXT;
import static org.policycollab.store.StoreFixtures.check;
import static org.policycollab.store.StoreFixtures.createOp;
import static org.policycollab.store.StoreFixtures.editOp;
import static org.policycollab.store.StoreFixtures.json;
import static org.policycollab.store.StoreFixtures.newOpId;
import static org.policycollab.store.StoreFixtures.withSrc;
import static org.policycollab.store.StoreFixtures.withTimestamp;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link DocumentStore} backend must do with ops, run against the real driver over TCP to
 * the embedded wire server. Every backend test also implements {@link SnapshotContract} (snapshots,
 * milestones) and {@link SharedbMongoDataContract} (data written by stock sharedb-mongo).
 */
@ExtendWith({VertxExtension.class, QuietDriverLogs.class})
abstract class DocumentStoreContract {
  static final String DB = "collab";
  static final String DOCS = "docs";

  @TempDir Path dataDir;
  EmbeddedMongo mongo;
  MongoClient rawClient;
  DocumentStore store;
  Vertx vertx;

  /** Starts the backend under test (blocking is fine: this is the JUnit thread). */
  abstract EmbeddedMongo start(Path dataDir);

  @BeforeEach
  void open(Vertx vertx) {
    this.vertx = vertx;
    mongo = start(dataDir);
    MongoDocumentStore opened =
        new MongoDocumentStore(
            vertx, MongoClients.create(mongo.connectionString()), DB, mongo.durability(vertx),
            "test store", mongo::stop);
    store = readsOpsByVersion() ? opened.readingOpsByVersion() : opened;
  }

  /** Whether the store reads ops by exact version, as the server does on this backend. */
  boolean readsOpsByVersion() {
    return false;
  }

  @AfterEach
  void close(VertxTestContext test) {
    if (rawClient != null) {
      rawClient.close();
    }
    store.close().onComplete(test.succeedingThenComplete());
  }

  public DocumentStore store() {
    return store;
  }

  /** The same database as the store's, through a client of its own. */
  public MongoDatabase raw() {
    // Made when needed: a client closed while it still connects trips a race in the driver.
    if (rawClient == null) {
      rawClient = MongoClients.create(mongo.connectionString());
    }
    return rawClient.getDatabase(DB);
  }

  public Vertx vertx() {
    return vertx;
  }

  Future<List<BsonDocument>> rawOps(String docId) {
    return PublisherFutures.all(
        raw().getCollection("o_" + DOCS, BsonDocument.class)
            .find(new BsonDocument("d", new BsonString(docId))),
        vertx.getOrCreateContext());
  }

  @Test
  @DisplayName("a document never stored is at version 0 without a type")
  void missingSnapshot(VertxTestContext test) {
    check(test, store.snapshot(DOCS, "nothing-here"), snapshot -> {
      assertThat(snapshot.version()).isZero();
      assertThat(snapshot.type()).isNull();
      assertThat(snapshot.data()).isNull();
      assertThat(snapshot.exists()).isFalse();
    });
  }

  @Test
  @DisplayName("committed ops come back in order with every field intact")
  void roundTrip(VertxTestContext test) {
    String id0 = newOpId();
    String id1 = newOpId();
    String id2 = newOpId();
    StoredOp created = new StoredOp(
        id0, "d1", 0, "c0ffee", 7, null, RICH_TEXT,
        json("[{\"insert\":\"Grüße 👋🏽 世界\\n\"}]"), false, null, 1_764_287_000_123L, null,
        "ana");
    StoredOp edited = new StoredOp(
        id1, "d1", 1, "c0ffee", 8,
        json("{\"ops\":[{\"retain\":5},{\"insert\":\"𝄞 x\",\"attributes\":{\"bold\":null,"
            + "\"color\":\"#f00\",\"size\":1.5}}]}"),
        null, null, false, null, 4_102_444_800_000L, id0, null);
    StoredOp deleted = new StoredOp(
        id2, "d1", 2, "other-src", 1, null, null, null, true,
        json("{\"ops\":[{\"insert\":\"Grüße 𝄞 x👋🏽 世界\\n\"}]}"), 1_764_287_000_999L, id1,
        "bo");
    List<StoredOp> group =
        List.of(editOp("d1", 3, "again", null, null), editOp("d1", 4, "€", null, null));
    Future<List<StoredOp>> read =
        store.commit(DOCS, List.of(created, edited, deleted))
            .compose(done -> store.commit(DOCS, withPrevious(group, id2)))
            .compose(done -> store.ops(DOCS, "d1", 0, Long.MAX_VALUE));
    check(test, read, ops -> {
      assertThat(ops).hasSize(5);
      assertThat(ops.subList(0, 3)).containsExactly(created, edited, deleted);
      // Ids left to the store are generated and still chained, from the given previous op on.
      assertThat(ops.get(3).opId()).isNotNull();
      assertThat(ops.get(3).previousOpId()).isEqualTo(id2);
      assertThat(ops.get(4).previousOpId()).isEqualTo(ops.get(3).opId());
      assertThat(ops.get(4).op()).isEqualTo(json("{\"ops\":[{\"insert\":\"€\"}]}"));
    });
  }

  private static List<StoredOp> withPrevious(List<StoredOp> ops, String previous) {
    List<StoredOp> linked = new ArrayList<>(ops);
    StoredOp head = ops.get(0);
    linked.set(0, new StoredOp(
        head.opId(), head.docId(), head.version(), head.src(), head.seq(), head.op(),
        head.createType(), head.createData(), head.deleted(), head.deletedData(), head.timestamp(),
        previous, head.userId()));
    return linked;
  }

  @Test
  @DisplayName("a long op log reads back whole and in order, from any version, past the exact-version lookups")
  void longLog(VertxTestContext test) {
    int count = (int) ProbedOps.MAX_PROBED + 300;
    java.util.List<StoredOp> log = new java.util.ArrayList<>();
    String previous = null;
    for (int v = 0; v < count; v++) {
      String id = newOpId();
      log.add(v == 0 ? createOp("long", 0, "x\n", id, null) : editOp("long", v, "y", id, previous));
      previous = id;
    }
    Future<Void> committed = Future.succeededFuture();
    for (int from = 0; from < count; from += 500) {
      java.util.List<StoredOp> batch = log.subList(from, Math.min(count, from + 500));
      committed = committed.compose(v -> store.commit(DOCS, batch));
    }
    Future<java.util.List<java.util.List<StoredOp>>> read = committed.compose(v -> Future.all(
            store.ops(DOCS, "long", 0, Long.MAX_VALUE), store.ops(DOCS, "long", 17, count - 5), store.ops(DOCS, "long", count - 3, Long.MAX_VALUE)))
        .map(all -> java.util.List.of(all.resultAt(0), all.resultAt(1), all.resultAt(2)));
    check(test, read, results -> {
      assertThat(results.get(0)).extracting(StoredOp::version).containsExactlyElementsOf(
          java.util.stream.LongStream.range(0, count).boxed().toList());
      assertThat(results.get(1)).extracting(StoredOp::version).containsExactlyElementsOf(
          java.util.stream.LongStream.range(17, count - 5).boxed().toList());
      assertThat(results.get(2)).extracting(StoredOp::version).containsExactly((long) count - 3, (long) count - 2, (long) count - 1);
    });
  }

  @Test
  @DisplayName("committing a taken version fails with CommitConflictException and writes nothing")
  void conflict(VertxTestContext test) {
    String id0 = newOpId();
    String id1 = newOpId();
    List<StoredOp> mine = List.of(createOp("d2", 0, "a", id0, null), editOp("d2", 1, "b", id1, id0));
    List<StoredOp> theirs =
        List.of(
            withSrc(editOp("d2", 1, "X", null, id0), "late"),
            withSrc(editOp("d2", 2, "Y", null, null), "late"));
    Future<Throwable> failure =
        store.commit(DOCS, mine)
            .compose(done -> store.commit(DOCS, theirs))
            .transform(result -> Future.succeededFuture(result.cause()));
    check(test, failure.compose(error -> rawOps("d2").map(raw -> {
      assertThat(error).isInstanceOf(CommitConflictException.class).hasMessageContaining("version 1");
      assertThat(raw).hasSize(2);
      return raw;
    })).compose(raw -> store.ops(DOCS, "d2", 0, Long.MAX_VALUE)), ops ->
        assertThat(ops).extracting(StoredOp::src).containsExactly("src-a", "src-a"));
  }

  @Test
  @DisplayName("a batch meeting a version taken mid-way keeps the ops before it, reports that one")
  void conflictMidBatch(VertxTestContext test) {
    StoredOp theirs = withSrc(editOp("d5", 1, "theirs", null, null), "other");
    List<StoredOp> mine = List.of(
        createOp("d5", 0, "a", null, null),
        editOp("d5", 1, "b", null, null),
        editOp("d5", 2, "c", null, null));
    Future<Throwable> failure =
        store.commit(DOCS, List.of(theirs))
            .compose(done -> store.commit(DOCS, mine))
            .transform(result -> Future.succeededFuture(result.cause()));
    Future<List<StoredOp>> stored = failure.compose(error -> store.ops(DOCS, "d5", 0, Long.MAX_VALUE));
    check(test, Future.all(failure, stored), all -> {
      assertThat(failure.result())
          .isInstanceOf(CommitConflictException.class)
          .hasMessageContaining("version 1");
      List<StoredOp> ops = all.resultAt(1);
      assertThat(ops).extracting(StoredOp::src).containsExactly("src-a", "other");
    });
  }

  @Test
  @DisplayName("of concurrent commits of the same version exactly one wins")
  void concurrentCommits(VertxTestContext test) {
    List<Future<String>> attempts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String src = "writer-" + i;
      attempts.add(store.commit(DOCS, List.of(withSrc(createOp("d3", 0, "x", null, null), src)))
          .transform(result -> Future.succeededFuture(result.succeeded() ? src
              : result.cause() instanceof CommitConflictException
                  ? "conflict"
                  : "error: " + result.cause())));
    }
    Future<List<String>> outcomes = Future.all(attempts).map(all -> all.list());
    check(test, outcomes.compose(list -> store.ops(DOCS, "d3", 0, Long.MAX_VALUE).map(ops -> {
      List<String> winners = list.stream().filter(s -> s.startsWith("writer-")).toList();
      assertThat(winners).hasSize(1);
      assertThat(list).filteredOn(s -> !s.startsWith("writer-")).containsOnly("conflict");
      assertThat(ops).extracting(StoredOp::src).containsExactly(winners.get(0));
      return ops;
    })), ops -> {});
  }

  @Test
  @DisplayName("a commit must be ops of one document with consecutive versions")
  void invalidBatch(VertxTestContext test) {
    Future<Void> gap = store.commit(
        DOCS, List.of(editOp("d4", 0, "a", null, null), editOp("d4", 2, "b", null, null)));
    gap.onComplete(test.failing(error -> test.verify(() -> {
      assertThat(error).isInstanceOf(IllegalArgumentException.class);
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("versionAt counts the ops made at or before a moment")
  void versionAt(VertxTestContext test) {
    String id0 = newOpId();
    String id1 = newOpId();
    List<StoredOp> ops = List.of(
        withTimestamp(createOp("t1", 0, "a", id0, null), 1_000),
        withTimestamp(editOp("t1", 1, "b", id1, id0), 2_000),
        withTimestamp(editOp("t1", 2, "c", null, id1), 3_000_000_000_000L));
    Future<List<Long>> versions =
        store.commit(DOCS, ops)
            .compose(done -> Future.all(
                store.versionAt(DOCS, "t1", 999), store.versionAt(DOCS, "t1", 1_000),
                store.versionAt(DOCS, "t1", 2_999), store.versionAt(DOCS, "t1", 3_000_000_000_000L),
                store.versionAt(DOCS, "unknown", 5_000)))
            .map(all -> all.list());
    check(test, versions, found -> assertThat(found).containsExactly(0L, 1L, 2L, 3L, 0L));
  }

  @Test
  @DisplayName("ops(from, to) returns exactly the versions from <= v < to")
  void opsRange(VertxTestContext test) {
    List<StoredOp> ops = new ArrayList<>();
    String previous = null;
    for (int v = 0; v < 5; v++) {
      String id = newOpId();
      ops.add(v == 0 ? createOp("r1", 0, "a", id, null) : editOp("r1", v, "v" + v, id, previous));
      previous = id;
    }
    Future<List<List<StoredOp>>> ranges =
        store.commit(DOCS, ops)
            .compose(done -> Future.all(
                store.ops(DOCS, "r1", 1, 3), store.ops(DOCS, "r1", 3, Long.MAX_VALUE),
                store.ops(DOCS, "r1", 5, Long.MAX_VALUE), store.ops(DOCS, "r1", 2, 2),
                store.ops(DOCS, "other", 0, Long.MAX_VALUE)))
            .map(all -> all.list());
    check(test, ranges, found -> {
      assertThat(found.get(0)).containsExactly(ops.get(1), ops.get(2));
      assertThat(found.get(1)).containsExactly(ops.get(3), ops.get(4));
      assertThat(found.get(2)).isEmpty();
      assertThat(found.get(3)).isEmpty();
      assertThat(found.get(4)).isEmpty();
    });
  }

  @Test
  @DisplayName("ping succeeds while the store is up")
  void ping(VertxTestContext test) {
    store.ping().onComplete(test.succeedingThenComplete());
  }
}
