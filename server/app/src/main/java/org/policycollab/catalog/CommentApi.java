package org.policycollab.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bson.types.ObjectId;
import org.policycollab.access.Role;
import org.policycollab.accounts.Account;
import org.policycollab.accounts.SessionGuard;
import org.policycollab.api.ApiException;
import org.policycollab.api.ApiReplies;
import org.policycollab.document.OwnerClient;
import org.policycollab.json.Json;
import org.policycollab.review.CommentStore;
import org.policycollab.review.CommentThread;

/**
 * Comment threads anchored to passages, behind the {@link SessionGuard}. Reviewers, editors and
 * managers comment, reply, resolve and reopen; everyone with access reads; only a message's author
 * edits or deletes it. Every change is announced live on the presence channel {@code
 * comments.<docId>} (presence id: the thread id; value: the thread), which only readers may join.
 *
 * <ul>
 *   <li>{@code GET /api/docs/:id/comments?status=open|resolved|all&author=NAME}: {@code {threads:[thread]}}
 *   <li>{@code POST /api/docs/:id/comments {v, index, length, text}}: 201 the new thread, its passage
 *       taken at version {@code v} and moved to now
 *   <li>{@code POST /api/docs/:id/comments/:thread/messages {text}}: a reply
 *   <li>{@code PATCH} / {@code DELETE /api/docs/:id/comments/:thread/messages/:message}: one's own message
 *   <li>{@code POST /api/docs/:id/comments/:thread/resolve} and {@code .../reopen}
 * </ul>
 *
 * A thread is {@code {id, quote, author, name, createdAt, resolved, resolvedBy, resolvedAt, messages:[{id,
 * author, name, text, at, editedAt, deleted}], ranges:[{index, length}], detached}}.
 */
public final class CommentApi {
  private static final int MAX_THREADS = 2_000;

  private final OwnerClient owners;
  private final CommentStore threads;

  public CommentApi(OwnerClient owners, CommentStore threads) {
    this.owners = owners;
    this.threads = threads;
  }

  public void mount(Router router) {
    router.get("/api/docs/:id/comments").handler(context -> CatalogApi.id(context).ifPresent(id -> list(context, id)));
    router.post("/api/docs/:id/comments").handler(context -> CatalogApi.id(context).ifPresent(id -> create(context, id)));
    router.post("/api/docs/:id/comments/:thread/messages").handler(context -> CatalogApi.id(context).ifPresent(id ->
        change(context, id, text(context), (thread, by) -> {
          requireRoom(thread);
          return thread.withMessages(messages -> {
            messages.add(new CommentThread.Message(new ObjectId().toHexString(), by.username(), by.displayName(),
                text(context), System.currentTimeMillis(), 0, false));
            return messages;
          });
        })));
    router.patch("/api/docs/:id/comments/:thread/messages/:message").handler(context -> CatalogApi.id(context).ifPresent(id ->
        change(context, id, text(context), (thread, by) -> thread.withMessages(ownMessage(context, by, message ->
            new CommentThread.Message(message.id(), message.author(), message.name(), text(context), message.at(),
                System.currentTimeMillis(), false))))));
    router.delete("/api/docs/:id/comments/:thread/messages/:message").handler(context -> CatalogApi.id(context).ifPresent(id ->
        change(context, id, "", (thread, by) -> thread.withMessages(ownMessage(context, by, message ->
            new CommentThread.Message(message.id(), message.author(), message.name(), "", message.at(),
                System.currentTimeMillis(), true))))));
    router.post("/api/docs/:id/comments/:thread/resolve").handler(context -> CatalogApi.id(context).ifPresent(id ->
        change(context, id, "", (thread, by) -> thread.withResolved(true, by.username(), System.currentTimeMillis()))));
    router.post("/api/docs/:id/comments/:thread/reopen").handler(context -> CatalogApi.id(context).ifPresent(id ->
        change(context, id, "", (thread, by) -> thread.withResolved(false, by.username(), System.currentTimeMillis()))));
  }

  private void list(RoutingContext context, String docId) {
    String status = context.request().getParam("status", "all");
    String author = context.request().getParam("author");
    if (!List.of("open", "resolved", "all").contains(status)) {
      ApiReplies.error(context, 400, "ERR_BAD_REQUEST", "status is open, resolved or all");
      return;
    }
    answer(context, 200, anchors(context, docId).compose(anchors -> threads.list(docId, MAX_THREADS).map(found -> {
      ObjectNode body = Json.object();
      var list = body.putArray("threads");
      for (CommentThread thread : found) {
        boolean wanted = (status.equals("all") || thread.resolved() == status.equals("resolved"))
            && (author == null || thread.author().equals(author));
        if (wanted) {
          list.add(withRanges(thread, anchors));
        }
      }
      return body;
    })));
  }

  private void create(RoutingContext context, String docId) {
    JsonNode body = ApiReplies.objectBody(context);
    String text = text(context);
    if (body == null || text == null || !body.path("v").canConvertToLong() || !body.path("index").canConvertToInt()
        || !body.path("length").canConvertToInt() || body.path("index").asInt() < 0 || body.path("length").asInt() < 1) {
      ApiReplies.error(context, 400, "ERR_BAD_REQUEST",
          "send {v, index, length, text}: the passage at version v, and a first message of 1 to " + CommentThread.MAX_TEXT + " characters");
      return;
    }
    Account by = SessionGuard.account(context);
    String threadId = new ObjectId().toHexString();
    ObjectNode request = Json.object().put("action", "anchor").put("thread", threadId)
        .put("v", body.path("v").asLong()).put("index", body.path("index").asInt()).put("length", body.path("length").asInt());
    Future<ObjectNode> created = DocumentCatalog.ask(owners, SessionGuard.caller(context), docId, request).compose(anchored -> {
      long now = System.currentTimeMillis();
      CommentThread thread = new CommentThread(threadId, docId, anchored.path("quote").asText(), by.username(), by.displayName(), now,
          false, null, 0, List.of(new CommentThread.Message(new ObjectId().toHexString(), by.username(), by.displayName(), text, now, 0, false)), 1);
      return threads.insert(thread).compose(v -> announced(docId, thread)).compose(v -> anchors(context, docId))
          .map(anchors -> withRanges(thread, anchors));
    });
    answer(context, 201, created);
  }

  /** Applies {@code change} to the thread for a commenter, stores it, announces it, answers it. */
  private void change(RoutingContext context, String docId, String text, Change change) {
    if (text == null) {
      ApiReplies.error(context, 400, "ERR_BAD_REQUEST", "send {text}: 1 to " + CommentThread.MAX_TEXT + " characters");
      return;
    }
    Account by = SessionGuard.account(context);
    String threadId = context.pathParam("thread");
    answer(context, 200, anchors(context, docId).compose(anchors -> {
      Role role = Role.parse(anchors.path("role").asText(null));
      if (role == null || role == Role.VIEWER) {
        return Future.failedFuture(new ApiException(403, "ERR_FORBIDDEN", "viewers read comments; reviewers, editors and managers write them"));
      }
      return threads.update(docId, threadId, thread -> change.apply(thread, by)).compose(changed -> changed == null
          ? Future.failedFuture(new ApiException(404, "ERR_NOT_FOUND", "there is no comment thread " + threadId))
          : announced(docId, changed).map(v -> withRanges(changed, anchors)));
    }));
  }

  private interface Change {
    CommentThread apply(CommentThread thread, Account by);
  }

  /** Changes the message named in the path, if it is the caller's. */
  private static UnaryOperator<List<CommentThread.Message>> ownMessage(
      RoutingContext context, Account by, UnaryOperator<CommentThread.Message> change) {
    String messageId = context.pathParam("message");
    return messages -> {
      for (int i = 0; i < messages.size(); i++) {
        CommentThread.Message message = messages.get(i);
        if (message.id().equals(messageId)) {
          if (!message.author().equals(by.username()) || message.deleted()) {
            throw new ApiException(403, "ERR_FORBIDDEN", "only its author changes a message, and not once it is deleted");
          }
          messages.set(i, change.apply(message));
          return messages;
        }
      }
      throw new ApiException(404, "ERR_NOT_FOUND", "there is no message " + messageId);
    };
  }

  private static void requireRoom(CommentThread thread) {
    if (thread.messages().size() >= CommentThread.MAX_MESSAGES) {
      throw new ApiException(409, "ERR_THREAD_FULL", "a thread holds at most " + CommentThread.MAX_MESSAGES + " messages; start a new one");
    }
  }

  /** The caller's role and the threads' ranges; fails for anyone the document is not shared with. */
  private Future<ObjectNode> anchors(RoutingContext context, String docId) {
    return DocumentCatalog.ask(owners, SessionGuard.caller(context), docId, Json.object().put("action", "anchors"));
  }

  /** Tells the document's readers, on {@code comments.<docId>}; a lost announcement is not an error. */
  private Future<Void> announced(String docId, CommentThread thread) {
    String channel = "comments." + docId;
    ObjectNode presence = Json.object().put("a", "p").put("ch", channel).put("id", thread.id()).put("pv", thread.rev()).put("src", "server");
    presence.set("p", thread.toJson());
    ObjectNode broadcast = Json.object().put("action", "broadcast").put("ch", channel)
        .put("message", Json.write(presence)).put("src", "server").put("kind", "p");
    return owners.request(channel, broadcast).<Void>mapEmpty().recover(error -> Future.succeededFuture());
  }

  private static ObjectNode withRanges(CommentThread thread, ObjectNode anchors) {
    ObjectNode json = thread.toJson();
    JsonNode ranges = anchors.path("anchors").path(thread.id());
    json.set("ranges", ranges.isArray() ? ranges : Json.array());
    json.put("detached", !ranges.isArray() || ranges.isEmpty());
    return json;
  }

  /** The body's text: 1 to {@link CommentThread#MAX_TEXT} characters, trimmed; {@code null} otherwise. */
  private static String text(RoutingContext context) {
    JsonNode body = ApiReplies.objectBody(context);
    JsonNode text = body == null ? null : body.get("text");
    if (text == null || !text.isTextual()) {
      return null;
    }
    String trimmed = text.textValue().strip();
    boolean control = trimmed.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t');
    return trimmed.isEmpty() || trimmed.length() > CommentThread.MAX_TEXT || control ? null : trimmed;
  }

  private static void answer(RoutingContext context, int status, Future<ObjectNode> reply) {
    ApiReplies.answer(context, status, reply, "comment request");
  }

}
