package org.policycollab.store;

import static org.policycollab.store.PublisherFutures.all;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The indexes of a collection's op log and milestones, set up once per collection on first use. A
 * unique index on {@code {d:1, v:-1}} is the commit guard: it makes an op insert the commit point, for
 * sharedb-mongo's writes as much as ours. It is not sharedb-mongo's own {@code {d:1, v:1}} (non-unique,
 * created by sharedb-mongo on its first use of the collection): that one is left as sharedb-mongo
 * creates it, so the stock server can still open a database this server has written. A database
 * written by sharedb-mongo alone may hold crash orphans that would break a unique index: those are
 * deleted first.
 */
final class OpIndexes {
  private static final Bson DOC_VERSION = Indexes.ascending("d", "v");
  private static final Bson COMMIT_GUARD = Indexes.compoundIndex(Indexes.ascending("d"), Indexes.descending("v"));

  private final MongoDatabase database;
  private final Map<String, Future<Void>> setUps = new ConcurrentHashMap<>();

  OpIndexes(MongoDatabase database) {
    this.database = database;
  }

  /** Completes on {@code context} once the collection's indexes are in place. */
  Future<Void> ready(String collection, Context context) {
    Future<Void> setUp = setUps.computeIfAbsent(collection, name -> setUp(name, context));
    // A failed set-up (say, the server was down) is tried again by the next caller.
    setUp.onFailure(error -> setUps.remove(collection, setUp));
    return PublisherFutures.on(context, setUp);
  }

  private Future<Void> setUp(String collection, Context context) {
    MongoCollection<BsonDocument> ops = ops(collection);
    return all(ops.listIndexes(BsonDocument.class), context)
        .compose(
            indexes -> {
              if (indexes.stream().anyMatch(index -> hasKey(index, 1, -1) && isUnique(index))) {
                return Future.succeededFuture();
              }
              // Builds of this server before the guard moved made sharedb-mongo's index unique, which
              // sharedb-mongo then fails to create ("same name, different options"): their data has
              // no orphans, and the index goes back to what sharedb-mongo expects.
              BsonDocument earlierGuard =
                  indexes.stream().filter(index -> hasKey(index, 1, 1) && isUnique(index)).findFirst().orElse(null);
              Future<Void> clean = earlierGuard != null ? Future.succeededFuture() : removeOrphans(collection, context);
              return clean
                  .compose(ignored -> all(ops.createIndex(COMMIT_GUARD, unique()), context))
                  .compose(
                      ignored ->
                          earlierGuard == null
                              ? Future.succeededFuture()
                              : all(ops.dropIndex(earlierGuard.getString("name").getValue()), context)
                                  .compose(dropped -> all(ops.createIndex(DOC_VERSION), context))
                                  .mapEmpty());
            })
        .compose(ignored -> all(ops.createIndex(Indexes.ascending("src", "seq", "v")), context))
        .compose(
            ignored ->
                all(
                    database
                        .getCollection(MongoLayout.milestonesCollection(collection), BsonDocument.class)
                        .createIndex(DOC_VERSION, unique()),
                    context))
        .mapEmpty();
  }

  private static IndexOptions unique() {
    return new IndexOptions().unique(true);
  }

  private static boolean isUnique(BsonDocument index) {
    return index.getBoolean("unique", BsonBoolean.FALSE).getValue();
  }

  /** Whether the index is on exactly {@code d} then {@code v}, in these directions. */
  private static boolean hasKey(BsonDocument index, int dDirection, int vDirection) {
    BsonDocument key = index.getDocument("key", new BsonDocument());
    return List.copyOf(key.keySet()).equals(List.of("d", "v"))
        && isDirection(key.get("d"), dDirection)
        && isDirection(key.get("v"), vDirection);
  }

  private static boolean isDirection(BsonValue value, int direction) {
    return value.isNumber() && value.asNumber().doubleValue() == direction;
  }

  /** Deletes every op that shares its {@code (d, v)} with another and is off the chain. */
  private Future<Void> removeOrphans(String collection, Context context) {
    List<Bson> duplicates =
        List.of(
            Aggregates.group(
                new BsonDocument("d", new BsonString("$d")).append("v", new BsonString("$v")),
                Accumulators.sum("n", 1)),
            Aggregates.match(Filters.gt("n", 1)));
    return all(ops(collection).aggregate(duplicates, BsonDocument.class).allowDiskUse(true), context)
        .compose(
            groups -> {
              Future<Void> done = Future.succeededFuture();
              for (BsonDocument group : groups) {
                BsonDocument key = group.getDocument("_id");
                String docId = key.getString("d").getValue();
                long version = key.getNumber("v").longValue();
                done = done.compose(ignored -> removeOrphans(collection, docId, version, context));
              }
              return done;
            });
  }

  private Future<Void> removeOrphans(
      String collection, String docId, long version, Context context) {
    MongoCollection<BsonDocument> ops = ops(collection);
    Future<List<BsonDocument>> candidates =
        all(ops.find(ProbedOps.atVersion(docId, version)), context);
    Future<List<BsonDocument>> next =
        all(
            ops.find(ProbedOps.atVersion(docId, version + 1))
                .projection(Projections.include("o")),
            context);
    Future<BsonDocument> snapshot =
        PublisherFutures.first(
            database
                .getCollection(collection, BsonDocument.class)
                .find(Filters.eq("_id", docId))
                .projection(Projections.include("_o"))
                .first(),
            context);
    return Future.all(candidates, next, snapshot)
        .compose(
            loaded -> {
              Set<ObjectId> links = OpChain.links(next.result());
              if (snapshot.result() != null && snapshot.result().isObjectId("_o")) {
                links.add(snapshot.result().getObjectId("_o").getValue());
              }
              BsonDocument kept = OpChain.linked(candidates.result(), links);
              Bson orphans =
                  Filters.and(
                      Filters.eq("d", docId),
                      Filters.eq("v", version),
                      Filters.ne("_id", kept.get("_id")));
              return all(ops.deleteMany(orphans), context).mapEmpty();
            });
  }

  private MongoCollection<BsonDocument> ops(String collection) {
    return database.getCollection(MongoLayout.opsCollection(collection), BsonDocument.class);
  }
}
