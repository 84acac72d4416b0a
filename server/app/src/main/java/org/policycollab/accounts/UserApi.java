package org.policycollab.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.policycollab.access.AccessNotices;
import org.policycollab.api.ApiReplies;
import org.policycollab.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/users}, behind the {@link SessionGuard}:
 *
 * <ul>
 *   <li>{@code GET}: everyone signed in, to choose whom to share with: {@code {users:[{username,
 *       displayName, organisation, country}]}}; administrators also see email, admin and disabled
 *   <li>{@code POST} (administrators): creates an account, 201 {@code {user}}; 409 {@code ERR_USER_EXISTS}
 *   <li>{@code PATCH /:username} (administrators): changes names, email, password, admin, disabled
 * </ul>
 *
 * Disabling someone or giving them a new password ends their sessions (their connections close with
 * 4401, and they sign in again); making them administrator or not closes their connections with 4403,
 * and they reconnect under the new rights.
 */
public final class UserApi {
  private static final Logger LOG = LoggerFactory.getLogger(UserApi.class);
  public static final int MAX_USERS_LISTED = 5_000;

  private final Vertx vertx;
  private final Accounts accounts;

  public UserApi(Vertx vertx, Accounts accounts) {
    this.vertx = vertx;
    this.accounts = accounts;
  }

  /** Mount after the body handler and a {@link SessionGuard} on {@code /api/users*}. */
  public void mount(Router router) {
    router.get("/api/users").handler(this::list);
    router.post("/api/users").handler(this::create);
    router.patch("/api/users/:username").handler(this::change);
  }

  private void list(RoutingContext context) {
    boolean admin = SessionGuard.account(context).admin();
    accounts.store().list(MAX_USERS_LISTED).onComplete(done -> {
      if (done.failed()) {
        fail(context, done.cause());
        return;
      }
      ObjectNode body = Json.object();
      var users = body.putArray("users");
      done.result().forEach(account -> users.add(admin ? full(account) : SessionApi.describe(account).without("admin")));
      ApiReplies.send(context, 200, body);
    });
  }

  private void create(RoutingContext context) {
    if (!adminOnly(context)) {
      return;
    }
    Account account;
    String password;
    try {
      JsonNode body = body(context);
      password = AccountRules.password(body.get("password"));
      account = new Account(
          AccountRules.username(body.get("username")),
          AccountRules.displayName(body.get("displayName")),
          AccountRules.text(body.get("organisation"), "organisation", AccountRules.MAX_NAME),
          AccountRules.text(body.get("country"), "country", AccountRules.MAX_NAME),
          AccountRules.email(body.get("email")),
          "",
          AccountRules.flag(body.get("admin"), "admin", false),
          false,
          System.currentTimeMillis(),
          0);
    } catch (AccountException refused) {
      fail(context, refused);
      return;
    }
    String by = SessionGuard.account(context).username();
    accounts.hash(password)
        .compose(hash -> accounts.store().insert(withHash(account, hash, 0)))
        .onComplete(done -> {
          if (done.failed()) {
            fail(context, done.cause());
          } else if (!done.result()) {
            fail(context, new AccountException(409, "ERR_USER_EXISTS", "there is already a user " + account.username(), 0));
          } else {
            LOG.info("'{}' created the user '{}'", by, account.username());
            ObjectNode reply = Json.object();
            reply.set("user", full(account));
            ApiReplies.send(context, 201, reply);
          }
        });
  }

  private void change(RoutingContext context) {
    if (!adminOnly(context)) {
      return;
    }
    String username = context.pathParam("username");
    JsonNode body;
    try {
      body = body(context);
      checkChange(body);
    } catch (AccountException refused) {
      fail(context, refused);
      return;
    }
    Account by = SessionGuard.account(context);
    accounts.store().find(username).compose(current -> {
      if (current == null) {
        return Future.failedFuture(new AccountException(404, "ERR_USER_NOT_FOUND", "there is no user " + username, 0));
      }
      Account changed = applyChange(current, body);
      if (current.username().equals(by.username()) && (changed.disabled() || !changed.admin())) {
        // Otherwise the last administrator could lock everyone out of administration.
        return Future.failedFuture(new AccountException(409, "ERR_CANNOT_CHANGE_SELF", "you cannot disable yourself or drop your own admin rights", 0));
      }
      // A new password ends every session begun with the old one.
      Future<Account> hashed = body.has("password")
          ? accounts.hash(body.get("password").textValue()).map(hash -> withHash(changed, hash, System.currentTimeMillis()))
          : Future.succeededFuture(changed);
      return hashed.compose(next -> accounts.store().update(next).map(next)).onSuccess(next -> {
        LOG.info("'{}' changed the user '{}'", by.username(), username);
        accounts.forget(username); // before answering: the next connection here sees the change
        if (next.disabled() != current.disabled() || body.has("password")) {
          AccessNotices.tell(vertx, AccessNotices.Notice.account(username, true));
        } else if (next.admin() != current.admin()) {
          AccessNotices.tell(vertx, AccessNotices.Notice.account(username, false));
        }
      });
    }).onComplete(done -> {
      if (done.failed()) {
        fail(context, done.cause());
      } else {
        ObjectNode reply = Json.object();
        reply.set("user", full(done.result()));
        ApiReplies.send(context, 200, reply);
      }
    });
  }

  /** Checks every field a change names before anything is read or written. */
  private static void checkChange(JsonNode body) {
    body.fieldNames().forEachRemaining(field -> {
      switch (field) {
        case "displayName" -> AccountRules.displayName(body.get(field));
        case "organisation", "country" -> AccountRules.text(body.get(field), field, AccountRules.MAX_NAME);
        case "email" -> AccountRules.email(body.get(field));
        case "password" -> AccountRules.password(body.get(field));
        case "admin", "disabled" -> AccountRules.flag(body.get(field), field, false);
        default -> throw AccountRules.bad("unknown field " + field + "; a user has displayName, organisation, country, email, password, admin, disabled");
      }
    });
  }

  private static Account applyChange(Account current, JsonNode body) {
    return new Account(
        current.username(),
        body.has("displayName") ? AccountRules.displayName(body.get("displayName")) : current.displayName(),
        body.has("organisation") ? AccountRules.text(body.get("organisation"), "organisation", AccountRules.MAX_NAME) : current.organisation(),
        body.has("country") ? AccountRules.text(body.get("country"), "country", AccountRules.MAX_NAME) : current.country(),
        body.has("email") ? AccountRules.email(body.get("email")) : current.email(),
        current.passwordHash(),
        AccountRules.flag(body.get("admin"), "admin", current.admin()),
        AccountRules.flag(body.get("disabled"), "disabled", current.disabled()),
        current.createdAt(),
        current.sessionsValidFrom());
  }

  private static Account withHash(Account account, String hash, long sessionsValidFrom) {
    return new Account(account.username(), account.displayName(), account.organisation(), account.country(),
        account.email(), hash, account.admin(), account.disabled(), account.createdAt(), sessionsValidFrom);
  }

  private static ObjectNode full(Account account) {
    return SessionApi.describe(account).put("email", account.email()).put("disabled", account.disabled());
  }

  private static JsonNode body(RoutingContext context) {
    JsonNode body = ApiReplies.objectBody(context);
    if (body == null) {
      throw AccountRules.bad("send a JSON object");
    }
    return body;
  }

  private static boolean adminOnly(RoutingContext context) {
    if (SessionGuard.account(context).admin()) {
      return true;
    }
    ApiReplies.error(context, 403, "ERR_FORBIDDEN", "only administrators manage users");
    return false;
  }

  private static void fail(RoutingContext context, Throwable cause) {
    if (cause instanceof AccountException known) {
      ApiReplies.error(context, known.status(), known.code(), known.getMessage());
    } else {
      LOG.warn("user request failed: {}", cause.toString());
      ApiReplies.error(context, 503, "ERR_STORE_UNAVAILABLE", "the account store is unavailable; try again");
    }
  }
}
