package org.policycollab.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.junit5.VertxTestContext;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.bson.types.ObjectId;
import org.policycollab.ot.JsonValues;

/** Ops, snapshots and checks shared by the store tests. */
final class StoreFixtures {
  static final String RICH_TEXT = "http://sharejs.org/types/rich-text/v1";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StoreFixtures() {}

  /** JSON in the canonical form the store reads back (integers as longs). */
  static JsonNode json(String text) {
    try {
      return JsonValues.normalize(MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String newOpId() {
    return new ObjectId().toHexString();
  }

  static StoredOp createOp(String docId, long version, String text, String opId, String previous) {
    return new StoredOp(
        opId, docId, version, "src-a", version + 1, null, RICH_TEXT,
        json("[{\"insert\":" + MAPPER.valueToTree(text) + "}]"), false, null,
        1_764_287_000_000L + version, previous, null);
  }

  static StoredOp editOp(String docId, long version, String inserted, String opId, String previous) {
    return new StoredOp(
        opId, docId, version, "src-a", version + 1,
        json("{\"ops\":[{\"insert\":" + MAPPER.valueToTree(inserted) + "}]}"), null, null, false,
        null, 1_764_287_000_000L + version, previous, null);
  }

  static StoredOp withSrc(StoredOp op, String src) {
    return new StoredOp(
        op.opId(), op.docId(), op.version(), src, op.seq(), op.op(), op.createType(),
        op.createData(), op.deleted(), op.deletedData(), op.timestamp(), op.previousOpId(),
        op.userId());
  }

  static StoredOp withTimestamp(StoredOp op, long timestamp) {
    return new StoredOp(
        op.opId(), op.docId(), op.version(), op.src(), op.seq(), op.op(), op.createType(),
        op.createData(), op.deleted(), op.deletedData(), timestamp, op.previousOpId(),
        op.userId());
  }

  static Snapshot richText(String docId, long version, String text) {
    return new Snapshot(
        docId, version, RICH_TEXT, json("{\"ops\":[{\"insert\":" + MAPPER.valueToTree(text) + "}]}"),
        1_000, 2_000 + version, new Snapshot.CreateMark("src-a", 1, 0), null);
  }

  /** Runs the assertions on the future's value, then completes the test; any failure fails it. */
  static <T> void check(VertxTestContext test, Future<T> future, Consumer<T> assertions) {
    future.onComplete(
        test.succeeding(
            value ->
                test.verify(
                    () -> {
                      assertions.accept(value);
                      test.completeNow();
                    })));
  }
}
