package org.policycollab.store;

import static org.policycollab.store.PublisherFutures.all;
import static org.policycollab.store.PublisherFutures.first;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.policycollab.review.CommentStore;
import org.policycollab.review.CommentThread;

/**
 * Comment threads in {@code comments}, one record per thread ({@code _id} document id and thread id).
 * Changes are optimistic: a write names the revision it read, and a lost race reads again.
 */
final class MongoCommentStore implements CommentStore {
  private static final int ATTEMPTS = 5;

  private final Vertx vertx;
  private final MongoCollection<BsonDocument> threads;

  MongoCommentStore(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.threads = database.getCollection("comments", BsonDocument.class);
  }

  private static String key(String docId, String threadId) {
    return docId + "/" + threadId;
  }

  @Override
  public Future<Void> insert(CommentThread thread) {
    Context context = vertx.getOrCreateContext();
    BsonDocument record = BsonJson.toBsonDocument(thread.toJson()).append("_id", new BsonString(key(thread.docId(), thread.id())));
    return first(threads.insertOne(record), context).mapEmpty();
  }

  @Override
  public Future<List<CommentThread>> list(String docId, int limit) {
    Context context = vertx.getOrCreateContext();
    return all(threads.find(Filters.eq("docId", docId)).sort(Sorts.ascending("createdAt")).limit(limit), context)
        .map(records -> records.stream().map(MongoCommentStore::thread).toList());
  }

  @Override
  public Future<CommentThread> find(String docId, String threadId) {
    Context context = vertx.getOrCreateContext();
    return first(threads.find(Filters.eq("_id", key(docId, threadId))).first(), context)
        .map(record -> record == null ? null : thread(record));
  }

  @Override
  public Future<CommentThread> update(String docId, String threadId, UnaryOperator<CommentThread> change) {
    return update(docId, threadId, change, ATTEMPTS);
  }

  private Future<CommentThread> update(String docId, String threadId, UnaryOperator<CommentThread> change, int attempts) {
    Context context = vertx.getOrCreateContext();
    return find(docId, threadId).compose(current -> {
      if (current == null) {
        return Future.succeededFuture(null);
      }
      CommentThread next;
      try {
        next = change.apply(current);
      } catch (RuntimeException refused) {
        return Future.failedFuture(refused);
      }
      BsonDocument record = BsonJson.toBsonDocument(next.toJson()).append("_id", new BsonString(key(docId, threadId)));
      var guard = Filters.and(Filters.eq("_id", key(docId, threadId)), Filters.eq("rev", current.rev()));
      return first(threads.replaceOne(guard, record), context).compose(result -> {
        if (result.getMatchedCount() == 1) {
          return Future.succeededFuture(next);
        }
        return attempts > 1
            ? update(docId, threadId, change, attempts - 1)
            : Future.failedFuture(new IllegalStateException("the thread kept changing; try again"));
      });
    });
  }

  private static CommentThread thread(BsonDocument record) {
    return CommentThread.fromJson(BsonJson.toJson(record));
  }
}
