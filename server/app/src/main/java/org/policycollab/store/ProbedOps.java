package org.policycollab.store;

import static org.policycollab.store.PublisherFutures.all;

import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.conversions.Bson;

/**
 * Reads a document's ops by exact version, many lookups at a time, for the embedded Mongo-wire store:
 * it answers a lookup of {@code {d, v}} from the unique index in a millisecond, but a range of versions
 * by reading every op of every document (two seconds at 100,000 ops). Ops are contiguous (the commit
 * guard), so the first version not found is the end. Past {@link #MAX_PROBED} versions a range query is
 * cheaper again: the caller falls back to it.
 */
final class ProbedOps {
  /** Lookups in flight at once. */
  private static final int BATCH = 16;
  /** More than a snapshot interval: loading after a snapshot, and catching up, stay within it. */
  static final long MAX_PROBED = 2_048;

  private ProbedOps() {}

  /**
   * The op {@code v} of {@code docId} as a plain {@code {d, v}} filter: the embedded store looks that up
   * in its unique index, but scans for the {@code $and} that {@code Filters.and} renders. The version is
   * encoded as ops store it (an int32 while it fits), which its index also needs.
   */
  static Bson atVersion(String docId, long v) {
    return new BsonDocument("d", new BsonString(docId)).append("v", BsonJson.number(v));
  }

  /** The ops of versions {@code from} up to {@code to} (exclusive, at most {@link #MAX_PROBED} on), in order. */
  static Future<List<BsonDocument>> read(
      MongoCollection<BsonDocument> ops, String docId, long from, long to, Context context) {
    return round(ops, docId, from, Math.min(to, from + MAX_PROBED), new ArrayList<>(), context);
  }

  private static Future<List<BsonDocument>> round(
      MongoCollection<BsonDocument> ops, String docId, long next, long end, List<BsonDocument> found, Context context) {
    long upTo = Math.min(end, next + BATCH);
    if (next >= upTo) {
      return Future.succeededFuture(found);
    }
    List<Future<List<BsonDocument>>> lookups = new ArrayList<>();
    for (long v = next; v < upTo; v++) {
      lookups.add(all(ops.find(atVersion(docId, v)), context));
    }
    return Future.all(lookups).compose(results -> {
      for (int i = 0; i < lookups.size(); i++) {
        List<BsonDocument> atVersion = results.resultAt(i);
        if (atVersion.isEmpty()) {
          return Future.succeededFuture(found); // the end of the log
        }
        found.addAll(atVersion);
      }
      return round(ops, docId, upTo, end, found, context);
    });
  }
}
