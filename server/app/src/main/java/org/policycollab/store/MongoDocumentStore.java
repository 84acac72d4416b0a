package org.policycollab.store;

import static org.policycollab.store.PublisherFutures.all;
import static org.policycollab.store.PublisherFutures.first;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The {@link DocumentStore} over a MongoDB (or the embedded Mongo-wire server), in the sharedb-mongo
 * layout. Each call captures the caller's context and completes there; the driver never blocks it.
 */
public final class MongoDocumentStore implements DocumentStore {
  private final Vertx vertx;
  private final MongoClient client;
  private final MongoDatabase database;
  private final Durability durability;
  /** Ops read by exact version: for the embedded store, whose range queries read every op. */
  private boolean probesVersions;
  private final String description;
  private final Runnable blockingStop;
  private final OpIndexes indexes;
  private final org.policycollab.accounts.AccountStore accounts;
  private final org.policycollab.access.AccessStore access;
  private final org.policycollab.review.CommentStore comments;

  /** A store on a MongoDB the caller runs; {@code close} closes the client. */
  public MongoDocumentStore(
      Vertx vertx, MongoClient client, String databaseName, Durability durability) {
    this(vertx, client, databaseName, durability, describe(client, databaseName), () -> {});
  }

  /** {@code blockingStop} runs on a worker thread after the client closed (stops an embedded server). */
  public MongoDocumentStore(
      Vertx vertx,
      MongoClient client,
      String databaseName,
      Durability durability,
      String description,
      Runnable blockingStop) {
    this.vertx = vertx;
    this.client = client;
    this.database = client.getDatabase(databaseName);
    this.durability = durability;
    this.description = description;
    this.blockingStop = blockingStop;
    this.indexes = new OpIndexes(database);
    this.accounts = new MongoAccountStore(vertx, database);
    this.access = new MongoAccessStore(vertx, database);
    this.comments = new MongoCommentStore(vertx, database);
  }

  /** Reads ops by exact version from now on ({@link ProbedOps}): for the embedded store. */
  MongoDocumentStore readingOpsByVersion() {
    this.probesVersions = true;
    return this;
  }

  private static String describe(MongoClient client, String databaseName) {
    List<String> hosts =
        client.getClusterDescription().getClusterSettings().getHosts().stream()
            .map(Object::toString)
            .toList();
    return "MongoDB " + databaseName + " at " + String.join(",", hosts);
  }

  @Override
  public Future<Snapshot> snapshot(String collection, String docId) {
    Context context = vertx.getOrCreateContext();
    return first(snapshots(collection).find(Filters.eq("_id", docId)).first(), context)
        .map(document -> MongoLayout.snapshot(docId, document));
  }

  @Override
  public Future<List<StoredOp>> ops(String collection, String docId, long from, long to) {
    Context context = vertx.getOrCreateContext();
    return indexes
        .ready(collection, context)
        .compose(ready -> probesVersions ? probed(collection, docId, from, to, context) : range(collection, docId, from, to, context))
        .compose(
            found ->
                OpChain.hasDuplicateVersions(found)
                    ? withoutOrphans(collection, docId, found, context)
                    : Future.succeededFuture(found))
        .map(found -> found.stream().map(MongoLayout::op).toList());
  }

  private Future<List<BsonDocument>> range(String collection, String docId, long from, long to, Context context) {
    Bson range = Filters.and(Filters.eq("d", docId), Filters.gte("v", from), Filters.lt("v", to));
    return all(ops(collection).find(range).sort(Sorts.ascending("v", "_id")), context);
  }

  /** By exact versions first ({@link ProbedOps}); by range for what may lie beyond. */
  private Future<List<BsonDocument>> probed(String collection, String docId, long from, long to, Context context) {
    return ProbedOps.read(ops(collection), docId, from, to, context).compose(found -> {
      long next = from + found.size();
      boolean whole = found.size() < ProbedOps.MAX_PROBED || next >= to;
      return whole ? Future.succeededFuture(found) : range(collection, docId, next, to, context).map(rest -> {
        List<BsonDocument> all = new ArrayList<>(found);
        all.addAll(rest);
        return all;
      });
    });
  }

  /** Rare: only data written by sharedb-mongo before the unique index has duplicate versions. */
  private Future<List<BsonDocument>> withoutOrphans(
      String collection, String docId, List<BsonDocument> found, Context context) {
    long after = BsonJson.longValue(found.get(found.size() - 1), "v") + 1;
    Future<List<BsonDocument>> next =
        all(
            ops(collection)
                .find(ProbedOps.atVersion(docId, after))
                .projection(Projections.include("o")),
            context);
    Future<Snapshot> snapshot = snapshot(collection, docId);
    return Future.all(next, snapshot)
        .map(
            loaded -> {
              Set<ObjectId> links = OpChain.links(found);
              links.addAll(OpChain.links(next.result()));
              String lastOpId = snapshot.result().lastOpId();
              if (lastOpId != null) {
                links.add(new ObjectId(lastOpId));
              }
              return OpChain.onChain(found, links);
            });
  }

  @Override
  public Future<Void> commit(String collection, List<StoredOp> ops) {
    Context context = vertx.getOrCreateContext();
    List<RawBsonDocument> documents;
    try {
      documents = chained(ops);
    } catch (RuntimeException e) {
      // A malformed argument (bad ObjectId, missing id): fail the future, never the caller's stack.
      return Future.failedFuture(e);
    }
    StoredOp firstOp = ops.get(0);
    return indexes
        .ready(collection, context)
        .compose(
            ready ->
                all(
                    rawOps(collection).insertMany(documents, new InsertManyOptions().ordered(true)),
                    context))
        .transform(
            inserted -> {
              int taken = DuplicateKeys.takenIndex(inserted.cause());
              if (inserted.failed() && taken < 0) {
                return Future.failedFuture(inserted.cause());
              }
              if (taken == 0) {
                return Future.failedFuture(
                    new CommitConflictException(firstOp.docId(), firstOp.version()));
              }
              // A writer that raced in mid-batch: what went before is committed, so make it durable;
              // the owner's reload finds those ops by (src, seq).
              Future<Void> durable = PublisherFutures.on(context, durability.afterCommit());
              return taken < 0
                  ? durable
                  : durable.compose(
                      synced ->
                          Future.failedFuture(
                              new CommitConflictException(
                                  firstOp.docId(), firstOp.version() + taken)));
            });
  }

  /** The op documents, each linked by {@code o} to the one before it. */
  private static List<RawBsonDocument> chained(List<StoredOp> ops) {
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("nothing to commit");
    }
    List<RawBsonDocument> documents = new ArrayList<>(ops.size());
    StoredOp first = ops.get(0);
    ObjectId previous = first.previousOpId() == null ? null : new ObjectId(first.previousOpId());
    for (int i = 0; i < ops.size(); i++) {
      StoredOp op = ops.get(i);
      if (!op.docId().equals(first.docId()) || op.version() != first.version() + i) {
        throw new IllegalArgumentException(
            "a commit is ops of one document with consecutive versions, from " + first.version());
      }
      ObjectId id = op.opId() == null ? new ObjectId() : new ObjectId(op.opId());
      documents.add(MongoLayout.opDocument(op, id, previous));
      previous = id;
    }
    return documents;
  }

  @Override
  public Future<Void> saveSnapshot(String collection, Snapshot snapshot) {
    Context context = vertx.getOrCreateContext();
    BsonDocument document;
    try {
      document = MongoLayout.snapshotDocument(snapshot);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return replaceIfOlder(collection, snapshot, document, context)
        .compose(
            replaced ->
                replaced.getMatchedCount() > 0
                    ? Future.<Void>succeededFuture()
                    : first(snapshots(collection).insertOne(document), context).<Void>mapEmpty())
        .recover(
            error ->
                // Inserted by someone else since: replace it if it is still older, else it is newer.
                DuplicateKeys.isDuplicateKey(error)
                    ? replaceIfOlder(collection, snapshot, document, context).<Void>mapEmpty()
                    : Future.<Void>failedFuture(error));
  }

  private Future<UpdateResult> replaceIfOlder(
      String collection, Snapshot snapshot, BsonDocument document, Context context) {
    Bson older = Filters.and(Filters.eq("_id", snapshot.docId()), Filters.lt("_v", snapshot.version()));
    return first(snapshots(collection).replaceOne(older, document), context);
  }

  @Override
  public Future<Void> saveMilestone(String collection, Snapshot snapshot) {
    Context context = vertx.getOrCreateContext();
    BsonDocument document;
    try {
      document = MongoLayout.milestoneDocument(snapshot);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return indexes
        .ready(collection, context)
        .compose(ready -> first(milestones(collection).insertOne(document), context))
        .<Void>mapEmpty()
        .recover(
            error ->
                DuplicateKeys.isDuplicateKey(error)
                    ? Future.succeededFuture()
                    : Future.failedFuture(error));
  }

  @Override
  public Future<Snapshot> milestone(String collection, String docId, long version) {
    Context context = vertx.getOrCreateContext();
    Bson atOrBefore = Filters.and(Filters.eq("d", docId), Filters.lte("v", version));
    return first(milestones(collection).find(atOrBefore).sort(Sorts.descending("v")).first(), context)
        .map(document -> document == null ? null : MongoLayout.milestone(document));
  }

  @Override
  public Future<Long> versionAt(String collection, String docId, long timestamp) {
    Context context = vertx.getOrCreateContext();
    Bson atOrBefore = Filters.and(Filters.eq("d", docId), Filters.lte("m.ts", timestamp));
    return first(
            ops(collection)
                .find(atOrBefore)
                .sort(Sorts.descending("v"))
                .projection(Projections.include("v"))
                .first(),
            context)
        .map(latest -> latest == null ? 0 : BsonJson.longValue(latest, "v") + 1);
  }

  @Override
  public Future<List<Listed>> list(String collection, int limit) {
    Context context = vertx.getOrCreateContext();
    return all(
            snapshots(collection)
                .find(Filters.ne("_type", null))
                .sort(Sorts.descending("_m.mtime"))
                .limit(limit)
                .projection(Projections.include("_id", "_v", "_type", "_m")),
            context)
        .map(documents -> documents.stream().map(MongoLayout::listed).toList());
  }

  @Override
  public Future<Map<String, String>> titles(String collection, Collection<String> docIds) {
    if (docIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Context context = vertx.getOrCreateContext();
    return all(meta(collection).find(Filters.in("_id", docIds)).projection(Projections.include("title")), context)
        .map(documents -> {
          Map<String, String> titles = new HashMap<>();
          for (BsonDocument document : documents) {
            if (document.isString("title")) {
              titles.put(document.getString("_id").getValue(), document.getString("title").getValue());
            }
          }
          return titles;
        });
  }

  @Override
  public Future<Void> saveTitle(String collection, String docId, String title, long now) {
    Context context = vertx.getOrCreateContext();
    Bson update = Updates.combine(Updates.set("title", title), Updates.set("updated", now));
    return first(meta(collection).updateOne(Filters.eq("_id", docId), update, new UpdateOptions().upsert(true)), context)
        .mapEmpty();
  }

  @Override
  public org.policycollab.review.CommentStore comments() {
    return comments;
  }

  @Override
  public org.policycollab.access.AccessStore access() {
    return access;
  }

  @Override
  public Future<List<Listed>> listed(String collection, Collection<String> docIds) {
    if (docIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Context context = vertx.getOrCreateContext();
    return all(
            snapshots(collection)
                .find(Filters.and(Filters.in("_id", docIds), Filters.ne("_type", null)))
                .projection(Projections.include("_id", "_v", "_type", "_m")),
            context)
        .map(documents -> documents.stream().map(MongoLayout::listed).toList());
  }

  @Override
  public org.policycollab.accounts.AccountStore accounts() {
    return accounts;
  }

  @Override
  public Future<Void> ping() {
    Context context = vertx.getOrCreateContext();
    return first(database.runCommand(new BsonDocument("ping", new BsonInt32(1))), context).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(
        () -> {
          try {
            client.close();
          } finally {
            blockingStop.run();
          }
          return null;
        });
  }

  @Override
  public String description() {
    return description;
  }

  private MongoCollection<BsonDocument> snapshots(String collection) {
    return database.getCollection(collection, BsonDocument.class);
  }

  private MongoCollection<BsonDocument> ops(String collection) {
    return database.getCollection(MongoLayout.opsCollection(collection), BsonDocument.class);
  }

  /** The op log for writing encoded ops: their bytes go out as they are. */
  private MongoCollection<RawBsonDocument> rawOps(String collection) {
    return database.getCollection(MongoLayout.opsCollection(collection), RawBsonDocument.class);
  }

  private MongoCollection<BsonDocument> meta(String collection) {
    return database.getCollection("meta_" + collection, BsonDocument.class);
  }

  private MongoCollection<BsonDocument> milestones(String collection) {
    return database.getCollection(MongoLayout.milestonesCollection(collection), BsonDocument.class);
  }
}
