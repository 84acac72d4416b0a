package org.policycollab.store;

import static org.policycollab.store.PublisherFutures.first;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.policycollab.accounts.Account;
import org.policycollab.accounts.AccountStore;

/**
 * Accounts in the {@code users} collection, one document per username ({@code _id}); signed-out session
 * tokens in {@code revoked_sessions} until they would have expired.
 */
final class MongoAccountStore implements AccountStore {
  private final Vertx vertx;
  private final MongoCollection<BsonDocument> users;
  private final MongoCollection<BsonDocument> revokedSessions;

  MongoAccountStore(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.users = database.getCollection("users", BsonDocument.class);
    this.revokedSessions = database.getCollection("revoked_sessions", BsonDocument.class);
  }

  @Override
  public Future<Account> find(String username) {
    Context context = vertx.getOrCreateContext();
    return first(users.find(Filters.eq("_id", username)).first(), context).map(MongoAccountStore::account);
  }

  @Override
  public Future<Boolean> insert(Account account) {
    Context context = vertx.getOrCreateContext();
    BsonDocument document = new BsonDocument("_id", new BsonString(account.username()))
        .append("displayName", new BsonString(account.displayName()))
        .append("organisation", new BsonString(account.organisation()))
        .append("country", new BsonString(account.country()))
        .append("email", new BsonString(account.email()))
        .append("passwordHash", new BsonString(account.passwordHash()))
        .append("admin", BsonBoolean.valueOf(account.admin()))
        .append("disabled", BsonBoolean.valueOf(account.disabled()))
        .append("createdAt", new BsonInt64(account.createdAt()));
    return first(users.insertOne(document), context)
        .map(inserted -> true)
        .recover(error -> DuplicateKeys.isDuplicateKey(error) ? Future.succeededFuture(false) : Future.failedFuture(error));
  }

  @Override
  public Future<java.util.List<Account>> list(int limit) {
    Context context = vertx.getOrCreateContext();
    return PublisherFutures.all(users.find().sort(com.mongodb.client.model.Sorts.ascending("_id")).limit(limit), context)
        .map(documents -> documents.stream().map(MongoAccountStore::account).toList());
  }

  @Override
  public Future<java.util.Map<String, Account>> findAll(java.util.Collection<String> usernames) {
    if (usernames.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    Context context = vertx.getOrCreateContext();
    return PublisherFutures.all(users.find(Filters.in("_id", usernames)), context).map(documents -> {
      java.util.Map<String, Account> found = new java.util.HashMap<>();
      documents.forEach(document -> found.put(document.getString("_id").getValue(), account(document)));
      return found;
    });
  }

  @Override
  public Future<Boolean> update(Account account) {
    Context context = vertx.getOrCreateContext();
    var changes = com.mongodb.client.model.Updates.combine(
        com.mongodb.client.model.Updates.set("displayName", account.displayName()),
        com.mongodb.client.model.Updates.set("organisation", account.organisation()),
        com.mongodb.client.model.Updates.set("country", account.country()),
        com.mongodb.client.model.Updates.set("email", account.email()),
        com.mongodb.client.model.Updates.set("passwordHash", account.passwordHash()),
        com.mongodb.client.model.Updates.set("admin", account.admin()),
        com.mongodb.client.model.Updates.set("disabled", account.disabled()),
        com.mongodb.client.model.Updates.set("sessionsValidFrom", account.sessionsValidFrom()));
    return first(users.updateOne(Filters.eq("_id", account.username()), changes), context)
        .map(result -> result.getMatchedCount() > 0);
  }

  @Override
  public Future<Void> revoke(String tokenId, String username, long expiresAtMs) {
    Context context = vertx.getOrCreateContext();
    BsonDocument revoked = new BsonDocument("_id", new BsonString(tokenId))
        .append("user", new BsonString(username))
        .append("expiresAt", new BsonInt64(expiresAtMs));
    // Expired tokens are refused anyway: forget their revocations as new ones come in.
    return first(revokedSessions.deleteMany(Filters.lt("expiresAt", System.currentTimeMillis())), context)
        .compose(pruned -> first(revokedSessions.insertOne(revoked), context))
        .<Void>mapEmpty()
        .recover(error -> DuplicateKeys.isDuplicateKey(error) ? Future.succeededFuture() : Future.failedFuture(error));
  }

  @Override
  public Future<Boolean> isRevoked(String tokenId) {
    Context context = vertx.getOrCreateContext();
    return first(revokedSessions.find(Filters.eq("_id", tokenId)).first(), context).map(found -> found != null);
  }

  @Override
  public Future<Long> count() {
    Context context = vertx.getOrCreateContext();
    return first(users.countDocuments(), context);
  }

  private static Account account(BsonDocument document) {
    if (document == null) {
      return null;
    }
    return new Account(
        document.getString("_id").getValue(),
        text(document, "displayName"),
        text(document, "organisation"),
        text(document, "country"),
        text(document, "email"),
        text(document, "passwordHash"),
        document.getBoolean("admin", BsonBoolean.FALSE).getValue(),
        document.getBoolean("disabled", BsonBoolean.FALSE).getValue(),
        BsonJson.longValue(document, "createdAt"),
        document.isNumber("sessionsValidFrom") ? document.getNumber("sessionsValidFrom").longValue() : 0);
  }

  private static String text(BsonDocument document, String key) {
    return document.isString(key) ? document.getString(key).getValue() : "";
  }
}
