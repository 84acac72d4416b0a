package org.policycollab.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.policycollab.api.ApiReplies;
import org.policycollab.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/session}: sign in ({@code POST {username, password}}: the account, a token and an HttpOnly,
 * SameSite=Strict cookie), who is signed in ({@code GET}), sign out ({@code DELETE}: the cookie is
 * cleared). A token is read from the cookie, an {@code Authorization: Bearer} header or an {@code
 * access_token} parameter; tokens and passwords never reach the log.
 */
public final class SessionApi {
  private static final Logger LOG = LoggerFactory.getLogger(SessionApi.class);
  public static final String COOKIE = "collab_session";

  private final Accounts accounts;

  public SessionApi(Accounts accounts) {
    this.accounts = accounts;
  }

  /** Mount after a body handler on {@code /api/*}. */
  public void mount(Router router) {
    router.post("/api/session").handler(this::signIn);
    router.get("/api/session").handler(this::whoAmI);
    router.delete("/api/session").handler(this::signOut);
  }

  /** The session token a request carries, if any. */
  public static String token(HttpServerRequest request) {
    Cookie cookie = request.getCookie(COOKIE);
    if (cookie != null && !cookie.getValue().isEmpty()) {
      return cookie.getValue();
    }
    String authorization = request.getHeader("authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    return request.getParam("access_token");
  }

  private void signIn(RoutingContext context) {
    JsonNode body = ApiReplies.objectBody(context);
    if (body == null || !body.path("username").isTextual() || !body.path("password").isTextual()) {
      error(context, 400, "ERR_BAD_REQUEST", "send a JSON object with a string username and password", 0);
      return;
    }
    String address = context.request().remoteAddress() == null ? "unknown" : context.request().remoteAddress().hostAddress();
    accounts.login(body.path("username").textValue(), body.path("password").textValue(), address).onComplete(done -> {
      if (done.failed()) {
        fail(context, done.cause());
        return;
      }
      Accounts.Session session = done.result();
      Cookie cookie = Cookie.cookie(COOKIE, session.token())
          .setHttpOnly(true)
          .setSameSite(CookieSameSite.STRICT)
          .setPath("/")
          .setMaxAge(accounts.sessionLifetimeSeconds())
          .setSecure(secure(context.request()));
      context.response().addCookie(cookie);
      ObjectNode reply = Json.object();
      reply.set("user", describe(session.account()));
      reply.put("token", session.token());
      reply.put("expiresInSeconds", accounts.sessionLifetimeSeconds());
      ApiReplies.send(context, 200, reply);
    });
  }

  private void whoAmI(RoutingContext context) {
    accounts.current(token(context.request())).onComplete(done -> {
      if (done.failed()) {
        fail(context, done.cause());
        return;
      }
      ObjectNode reply = Json.object();
      reply.set("user", describe(done.result().account()));
      ApiReplies.send(context, 200, reply);
    });
  }

  /** Ends the session: its token is refused from now on (everywhere), and the cookie is cleared. */
  private void signOut(RoutingContext context) {
    accounts.logout(token(context.request())).onComplete(done -> {
      if (done.failed()) {
        fail(context, done.cause());
        return;
      }
      context.response().addCookie(Cookie.cookie(COOKIE, "").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
          .setPath("/").setMaxAge(0).setSecure(secure(context.request())));
      context.response().setStatusCode(204).putHeader("cache-control", "no-store").end();
    });
  }

  /** Behind a TLS-terminating proxy the request arrives as http; the proxy says what the browser used. */
  private static boolean secure(HttpServerRequest request) {
    return request.isSSL() || "https".equalsIgnoreCase(request.getHeader("x-forwarded-proto"));
  }

  public static ObjectNode describe(Account account) {
    return Json.object()
        .put("username", account.username())
        .put("displayName", account.displayName())
        .put("organisation", account.organisation())
        .put("country", account.country())
        .put("admin", account.admin());
  }

  private static void fail(RoutingContext context, Throwable cause) {
    if (cause instanceof AccountException known) {
      error(context, known.status(), known.code(), known.getMessage(), known.retryAfterMs());
    } else {
      LOG.warn("session request failed: {}", cause.toString());
      error(context, 503, "ERR_STORE_UNAVAILABLE", "the account store is unavailable; try again", 0);
    }
  }

  private static void error(RoutingContext context, int status, String code, String message, long retryAfterMs) {
    if (retryAfterMs > 0) {
      context.response().putHeader("retry-after", Long.toString((retryAfterMs + 999) / 1000));
    }
    ApiReplies.error(context, status, code, message);
  }
}
