package org.policycollab.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.policycollab.accounts.SessionGuard;
import org.policycollab.api.ApiException;
import org.policycollab.api.ApiReplies;
import org.policycollab.document.OwnerClient;
import org.policycollab.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.policycollab.logging.DocumentLog;

/**
 * A document's suggestions, behind the {@link SessionGuard}; the owner reads them from the document and
 * commits each decision as one op in the caller's name:
 *
 * <ul>
 *   <li>{@code GET /api/docs/:id/suggestions}: anyone with access: {@code {suggestions:[{id, kind, author,
 *       name, at, index, length, text}]}} in document order
 *   <li>{@code POST /api/docs/:id/suggestions/decide} {@code {decision: accept|reject, ids:[...] | author
 *       | all: true}}: editors and managers; a suggestion's author may reject (withdraw) their own.
 *       {@code {v, decided}}
 * </ul>
 */
public final class SuggestionApi {
  private static final Logger LOG = LoggerFactory.getLogger(SuggestionApi.class);
  private static final int MAX_IDS = 1_000;

  private final OwnerClient owners;

  public SuggestionApi(OwnerClient owners) {
    this.owners = owners;
  }

  public void mount(Router router) {
    router.get("/api/docs/:id/suggestions").handler(context -> CatalogApi.id(context).ifPresent(id ->
        answer(context, DocumentCatalog.ask(owners, SessionGuard.caller(context), id, Json.object().put("action", "suggestions")))));
    router.post("/api/docs/:id/suggestions/decide").handler(context -> CatalogApi.id(context).ifPresent(id -> {
      JsonNode body = ApiReplies.objectBody(context);
      if (body == null || body.path("ids").size() > MAX_IDS) {
        ApiReplies.error(context, 400, "ERR_BAD_REQUEST",
            "send {decision: accept | reject} with exactly one of ids: [at most " + MAX_IDS + "], author, all: true");
        return;
      }
      ObjectNode request = Json.object().put("action", "decide");
      for (String field : new String[] {"decision", "ids", "author", "all"}) {
        if (body.has(field)) {
          request.set(field, body.get(field));
        }
      }
      answer(context, DocumentCatalog.ask(owners, SessionGuard.caller(context), id, request)
          .onSuccess(reply -> LOG.info("{} {}ed {} suggestion(s)", DocumentLog.tag(id, SessionGuard.caller(context).username()),
              body.path("decision").asText(), reply.path("decided").asInt())));
    }));
  }

  private static void answer(RoutingContext context, Future<ObjectNode> reply) {
    ApiReplies.answer(context, 200, reply, "suggestion request");
  }

}
