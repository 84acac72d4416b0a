package org.policycollab.store;

import static org.policycollab.store.PublisherFutures.all;
import static org.policycollab.store.PublisherFutures.first;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.policycollab.access.AccessStore;
import org.policycollab.access.DocumentAccess;
import org.policycollab.access.Role;

/**
 * Document access in {@code meta_<collection>}: {@code access: [{user, role}]} (an array, so that "the
 * documents shared with X" is one indexed query on {@code access.user}), {@code createdBy}, {@code
 * createdAt}. The title lives in the same record.
 */
final class MongoAccessStore implements AccessStore {
  private static final String ACCESS = "access";

  private final Vertx vertx;
  private final MongoDatabase database;
  private final java.util.Map<String, Future<Void>> indexes = new java.util.concurrent.ConcurrentHashMap<>();

  MongoAccessStore(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.database = database;
  }

  /** The index behind {@link #sharedWith}, created on its first use in each collection (a no-op after). */
  private Future<Void> indexed(String collection) {
    Context context = vertx.getOrCreateContext();
    Future<Void> setUp = indexes.computeIfAbsent(collection, c ->
        first(meta(c).createIndex(new BsonDocument("access.user", new org.bson.BsonInt32(1))), context).mapEmpty());
    if (setUp.failed()) {
      indexes.remove(collection, setUp);
    }
    return setUp;
  }

  @Override
  public Future<DocumentAccess> find(String collection, String docId) {
    Context context = vertx.getOrCreateContext();
    return first(meta(collection).find(Filters.eq("_id", docId)).projection(fields()).first(), context)
        .map(MongoAccessStore::access);
  }

  @Override
  public Future<Map<String, DocumentAccess>> findAll(String collection, Collection<String> docIds) {
    if (docIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Context context = vertx.getOrCreateContext();
    return all(meta(collection).find(Filters.in("_id", docIds)).projection(fields()), context).map(records -> {
      Map<String, DocumentAccess> found = new HashMap<>();
      for (BsonDocument record : records) {
        DocumentAccess access = access(record);
        if (access != null) {
          found.put(record.getString("_id").getValue(), access);
        }
      }
      return found;
    });
  }

  @Override
  public Future<Boolean> claim(String collection, String docId, DocumentAccess access) {
    Context context = vertx.getOrCreateContext();
    // Matches only a record without access (one holding just a title); with none, the upsert inserts
    // one. A record that has access already matches nothing, so the upsert's insert hits the unique _id.
    var filter = Filters.and(Filters.eq("_id", docId), Filters.exists(ACCESS, false));
    return first(meta(collection).updateOne(filter, written(access), new UpdateOptions().upsert(true)), context)
        .map(result -> true)
        .recover(error -> DuplicateKeys.isDuplicateKey(error) ? Future.succeededFuture(false) : Future.failedFuture(error));
  }

  @Override
  public Future<Void> save(String collection, String docId, DocumentAccess access) {
    Context context = vertx.getOrCreateContext();
    return first(meta(collection).updateOne(Filters.eq("_id", docId), written(access), new UpdateOptions().upsert(true)), context)
        .mapEmpty();
  }

  @Override
  public Future<List<String>> sharedWith(String collection, String username, int limit) {
    Context context = vertx.getOrCreateContext();
    return indexed(collection).compose(v -> all(meta(collection).find(Filters.eq("access.user", username)).projection(Projections.include("_id")).limit(limit), context)
        .map(records -> {
          List<String> ids = new ArrayList<>(records.size());
          records.forEach(record -> ids.add(record.getString("_id").getValue()));
          return ids;
        }));
  }

  /** The fields of a record that hold {@code access}; the title beside them is left alone. */
  private static org.bson.conversions.Bson written(DocumentAccess access) {
    return Updates.combine(
        Updates.set(ACCESS, roles(access)),
        Updates.set("createdBy", access.createdBy()),
        Updates.set("createdAt", access.createdAt()));
  }

  private static BsonArray roles(DocumentAccess access) {
    BsonArray roles = new BsonArray();
    access.roles().forEach((user, role) ->
        roles.add(new BsonDocument("user", new BsonString(user)).append("role", new BsonString(role.wire()))));
    return roles;
  }

  private static DocumentAccess access(BsonDocument record) {
    if (record == null || !record.isArray(ACCESS)) {
      return null;
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    for (BsonValue entry : record.getArray(ACCESS)) {
      if (entry.isDocument() && entry.asDocument().isString("user")) {
        Role role = Role.parse(entry.asDocument().isString("role") ? entry.asDocument().getString("role").getValue() : null);
        if (role != null) {
          roles.put(entry.asDocument().getString("user").getValue(), role);
        }
      }
    }
    String createdBy = record.isString("createdBy") ? record.getString("createdBy").getValue() : "";
    long createdAt = record.isNumber("createdAt") ? record.getNumber("createdAt").longValue() : 0;
    return new DocumentAccess(roles, createdBy, createdAt);
  }

  private static org.bson.conversions.Bson fields() {
    return Projections.include("_id", ACCESS, "createdBy", "createdAt");
  }

  private MongoCollection<BsonDocument> meta(String collection) {
    return meta(database, collection);
  }

  private static MongoCollection<BsonDocument> meta(MongoDatabase database, String collection) {
    return database.getCollection("meta_" + collection, BsonDocument.class);
  }
}
