package org.policycollab.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.policycollab.access.Role;
import org.policycollab.accounts.SessionGuard;
import org.policycollab.api.ApiReplies;
import org.policycollab.document.DocumentIds;
import org.policycollab.json.Json;

/**
 * {@code /api/docs}: the document list as JSON.
 *
 * <ul>
 *   <li>{@code GET /api/docs?limit=N}: {@code {"docs":[entry...]}}, the most recently changed first
 *   <li>{@code POST /api/docs} {@code {"title"}}: 201 and the new document's entry
 *   <li>{@code GET /api/docs/:id}: the entry, with {@code readOnly}
 *   <li>{@code PATCH /api/docs/:id} {@code {"title"}}: the renamed entry
 * </ul>
 *
 * An entry is {@code {id, title, updatedAt, version, online:[{name}], role}}; a single one adds {@code
 * readOnly} (viewers), {@code suggestOnly} (reviewers) and {@code canShare}. Only documents shared with the signed-in person are listed or given
 * (all for administrators). Errors are {@code {"error":{code, message}}} with 400, 401, 403, 404, 413 or 503.
 */
public final class CatalogApi {
  /** A title and its JSON wrapping fit many times over. */
  public static final long MAX_BODY_BYTES = 16 * 1024;

  private final DocumentCatalog catalog;

  public CatalogApi(DocumentCatalog catalog) {
    this.catalog = catalog;
  }

  /** Mount after a body handler on {@code /api/*} (at most {@link #MAX_BODY_BYTES}). */
  public void mount(Router router) {
    router.get("/api/docs").handler(this::list);
    router.post("/api/docs").handler(context -> title(context).ifPresent(
        title -> answer(context, 201, catalog.create(SessionGuard.caller(context), title))));
    router.get("/api/docs/:id").handler(context -> id(context).ifPresent(
        id -> answer(context, 200, catalog.get(SessionGuard.caller(context), id), true)));
    router.patch("/api/docs/:id").handler(context -> id(context).ifPresent(
        id -> title(context).ifPresent(title -> answer(context, 200, catalog.rename(SessionGuard.caller(context), id, title)))));
  }

  private void list(RoutingContext context) {
    int limit = 100;
    String asked = context.request().getParam("limit");
    if (asked != null) {
      try {
        limit = Integer.parseInt(asked);
      } catch (NumberFormatException e) {
        ApiReplies.error(context, 400, "ERR_BAD_REQUEST", "limit must be a number from 1 to " + DocumentCatalog.MAX_LIMIT);
        return;
      }
      if (limit < 1 || limit > DocumentCatalog.MAX_LIMIT) {
        ApiReplies.error(context, 400, "ERR_BAD_REQUEST", "limit must be a number from 1 to " + DocumentCatalog.MAX_LIMIT);
        return;
      }
    }
    ApiReplies.answer(context, 200, catalog.list(SessionGuard.caller(context), limit).map(entries -> {
      ObjectNode body = Json.object();
      var docs = body.putArray("docs");
      entries.forEach(entry -> docs.add(json(entry, false)));
      return body;
    }), "document list request");
  }

  private void answer(RoutingContext context, int status, Future<CatalogEntry> entry) {
    answer(context, status, entry, false);
  }

  private void answer(RoutingContext context, int status, Future<CatalogEntry> entry, boolean withAccess) {
    ApiReplies.answer(context, status, entry.map(found -> json(found, withAccess)), "document list request");
  }

  private static ObjectNode json(CatalogEntry entry, boolean withAccess) {
    ObjectNode json = Json.object().put("id", entry.id()).put("title", entry.title());
    if (entry.updatedAt() == null) {
      json.putNull("updatedAt");
    } else {
      json.put("updatedAt", entry.updatedAt());
    }
    json.put("version", entry.version());
    var online = json.putArray("online");
    entry.online().forEach(name -> online.addObject().put("name", name));
    json.put("role", entry.role() == null ? null : entry.role().wire());
    if (withAccess) {
      // Reviewers change the text only by suggesting: not read-only, but suggest-only.
      json.put("readOnly", entry.role() == null || entry.role() == Role.VIEWER);
      json.put("suggestOnly", entry.role() == Role.REVIEWER);
      json.put("canShare", entry.role() != null && entry.role().canShare());
    }
    return json;
  }

  /** The {@code :id} of the path if it is a valid document id; otherwise a 400 is sent. */
  static java.util.Optional<String> id(RoutingContext context) {
    String id = context.pathParam("id");
    if (!DocumentIds.valid(id)) {
      ApiReplies.error(context, 400, "ERR_BAD_REQUEST", "a document id has 1 to " + DocumentIds.MAX_LENGTH + " printable characters");
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(id);
  }

  /** The body's {@code title}; a clear 400 for anything else, checked further by the catalogue. */
  private static java.util.Optional<String> title(RoutingContext context) {
    JsonNode body = ApiReplies.objectBody(context);
    if (body == null || !body.path("title").isTextual()) {
      ApiReplies.error(context, 400, "ERR_BAD_REQUEST", "send a JSON object with a string title");
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(body.path("title").textValue());
  }
}
