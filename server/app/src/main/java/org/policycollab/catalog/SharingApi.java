package org.policycollab.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.policycollab.access.Caller;
import org.policycollab.access.Role;
import org.policycollab.accounts.Account;
import org.policycollab.accounts.AccountStore;
import org.policycollab.accounts.SessionGuard;
import org.policycollab.api.ApiReplies;
import org.policycollab.document.OwnerClient;
import org.policycollab.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.policycollab.api.ApiException;
import org.policycollab.logging.DocumentLog;

/**
 * Who has access to a document, behind the {@link SessionGuard}; the document's owner decides and
 * applies every change, in order with the edits:
 *
 * <ul>
 *   <li>{@code GET /api/docs/:id/access}: anyone with access: {@code {access:[{username, displayName,
 *       organisation, country, role}]}}
 *   <li>{@code PUT /api/docs/:id/access/:username} {@code {role}} (managers): gives or changes a role
 *   <li>{@code DELETE /api/docs/:id/access/:username} (managers): takes access away
 * </ul>
 *
 * A document keeps at least one manager (409 {@code ERR_LAST_MANAGER}).
 */
public final class SharingApi {
  private static final Logger LOG = LoggerFactory.getLogger(SharingApi.class);

  private final OwnerClient owners;
  private final AccountStore accounts;

  public SharingApi(OwnerClient owners, AccountStore accounts) {
    this.owners = owners;
    this.accounts = accounts;
  }

  public void mount(Router router) {
    router.get("/api/docs/:id/access").handler(context -> CatalogApi.id(context).ifPresent(id ->
        answer(context, ask(SessionGuard.caller(context), id, Json.object().put("action", "access")))));
    router.put("/api/docs/:id/access/:username").handler(context -> CatalogApi.id(context).ifPresent(id -> {
      JsonNode body = ApiReplies.objectBody(context);
      Role role = body == null ? null : Role.parse(body.path("role").asText(null));
      if (role == null) {
        ApiReplies.error(context, 400, "ERR_BAD_REQUEST", "send {\"role\": \"manager\" | \"editor\" | \"reviewer\" | \"viewer\"}");
        return;
      }
      share(context, id, role);
    }));
    router.delete("/api/docs/:id/access/:username").handler(context -> CatalogApi.id(context).ifPresent(id -> share(context, id, null)));
  }

  private void share(RoutingContext context, String docId, Role role) {
    Caller caller = SessionGuard.caller(context);
    String target = context.pathParam("username");
    Future<ObjectNode> changed = accounts.find(target).compose(account -> {
      if (account == null) {
        return Future.failedFuture(new ApiException(404, "ERR_USER_NOT_FOUND", "there is no user " + target));
      }
      ObjectNode request = Json.object().put("action", "share").put("target", target);
      request.put("role", role == null ? null : role.wire());
      return ask(caller, docId, request).onSuccess(reply -> LOG.info("{} {} '{}'{}", DocumentLog.tag(docId, caller.username()),
          role == null ? "removed" : "made", target, role == null ? "" : " " + role.wire()));
    });
    answer(context, changed);
  }

  private Future<ObjectNode> ask(Caller caller, String docId, ObjectNode request) {
    return DocumentCatalog.ask(owners, caller, docId, request);
  }

  /** The owner's list of usernames and roles, with each person's names from their account. */
  private void answer(RoutingContext context, Future<ObjectNode> reply) {
    ApiReplies.answer(context, 200, reply.compose(owner -> {
      List<String> usernames = new ArrayList<>();
      owner.path("access").forEach(entry -> usernames.add(entry.path("user").asText()));
      return accounts.findAll(usernames).map(found -> {
        ObjectNode body = Json.object().put("role", owner.path("role").asText(null));
        var list = body.putArray("access");
        owner.path("access").forEach(entry -> {
          Account account = found.get(entry.path("user").asText());
          ObjectNode line = list.addObject().put("username", entry.path("user").asText());
          line.put("displayName", account == null ? entry.path("user").asText() : account.displayName());
          line.put("organisation", account == null ? "" : account.organisation());
          line.put("country", account == null ? "" : account.country());
          line.put("role", entry.path("role").asText());
        });
        return body;
      });
    }), "sharing request");
  }
}
