package org.policycollab.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.policycollab.accounts.SessionApi;
import org.policycollab.accounts.SessionGuard;
import org.policycollab.accounts.UserApi;
import org.policycollab.catalog.CommentApi;
import org.policycollab.catalog.SharingApi;
import org.policycollab.catalog.SuggestionApi;
import org.policycollab.api.ApiReplies;
import org.policycollab.catalog.CatalogApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything under {@code /api}: one bounded body reader in front, the session API, then a session check
 * before the document list, sharing and user APIs,
 * and JSON errors behind them for unknown paths, bodies too large and anything that failed.
 */
final class ApiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

  private ApiRoutes() {}

  static void mount(
      Router router, SessionApi sessions, SessionGuard guard, CatalogApi catalog, SharingApi sharing, SuggestionApi suggestions, CommentApi comments,
      UserApi users) {
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(CatalogApi.MAX_BODY_BYTES));
    sessions.mount(router);
    // Everything else needs a signed-in person.
    router.route("/api/docs").handler(guard::handle);
    router.route("/api/docs/*").handler(guard::handle);
    router.route("/api/users").handler(guard::handle);
    router.route("/api/users/*").handler(guard::handle);
    catalog.mount(router);
    sharing.mount(router);
    suggestions.mount(router);
    comments.mount(router);
    users.mount(router);
    router.route("/api/*").handler(context -> ApiReplies.error(context, 404, "ERR_NOT_FOUND",
        "no such API: " + context.request().method() + " " + context.request().path()));
    router.route("/api/*").failureHandler(context -> {
      int status = context.statusCode() > 0 ? context.statusCode() : 500;
      if (status == 413) {
        ApiReplies.error(context, 413, "ERR_MESSAGE_TOO_LARGE", "a request body has at most " + CatalogApi.MAX_BODY_BYTES + " bytes");
      } else if (status >= 500) {
        LOG.warn("API request failed: {}", context.failure() == null ? "status " + status : context.failure().toString());
        ApiReplies.error(context, 503, "ERR_STORE_UNAVAILABLE", "the service is unavailable; try again");
      } else {
        ApiReplies.error(context, status, "ERR_BAD_REQUEST", "the request could not be read");
      }
    });
  }
}
