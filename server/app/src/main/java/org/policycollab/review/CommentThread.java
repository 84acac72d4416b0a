package org.policycollab.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.policycollab.json.Json;

/**
 * A discussion anchored to a passage. The anchor is in the document itself: the attribute {@link
 * #anchorAttribute} on the passage's text, so it follows its text through every concurrent edit; when
 * all that text is deleted, the thread stays, detached, with the {@code quote} it was about. {@code rev}
 * counts the thread's changes, for optimistic updates of the stored copy.
 */
public record CommentThread(
    String id,
    String docId,
    String quote,
    String author,
    String name,
    long createdAt,
    boolean resolved,
    String resolvedBy,
    long resolvedAt,
    List<Message> messages,
    long rev) {
  public static final String ANCHOR_PREFIX = "comment-";
  public static final int MAX_TEXT = 5_000;
  public static final int MAX_MESSAGES = 500;

  public CommentThread {
    messages = List.copyOf(messages);
  }

  /** One message; a deleted one keeps its place, without its text. */
  public record Message(String id, String author, String name, String text, long at, long editedAt, boolean deleted) {}

  /** The attribute that marks the passage a thread is about. */
  public static String anchorAttribute(String threadId) {
    return ANCHOR_PREFIX + threadId;
  }

  public CommentThread withMessages(UnaryOperator<List<Message>> change) {
    return new CommentThread(id, docId, quote, author, name, createdAt, resolved, resolvedBy, resolvedAt,
        change.apply(new ArrayList<>(messages)), rev + 1);
  }

  public CommentThread withResolved(boolean now, String by, long at) {
    return new CommentThread(id, docId, quote, author, name, createdAt, now, now ? by : null, now ? at : 0, messages, rev + 1);
  }

  public ObjectNode toJson() {
    ObjectNode json = Json.object()
        .put("id", id).put("docId", docId).put("quote", quote).put("author", author).put("name", name)
        .put("createdAt", createdAt).put("resolved", resolved).put("resolvedBy", resolvedBy).put("resolvedAt", resolvedAt)
        .put("rev", rev);
    var list = json.putArray("messages");
    for (Message message : messages) {
      list.addObject().put("id", message.id()).put("author", message.author()).put("name", message.name())
          .put("text", message.deleted() ? "" : message.text()).put("at", message.at())
          .put("editedAt", message.editedAt()).put("deleted", message.deleted());
    }
    return json;
  }

  public static CommentThread fromJson(JsonNode json) {
    List<Message> messages = new ArrayList<>();
    json.path("messages").forEach(m -> messages.add(new Message(m.path("id").asText(), m.path("author").asText(),
        m.path("name").asText(), m.path("text").asText(), m.path("at").asLong(), m.path("editedAt").asLong(), m.path("deleted").asBoolean())));
    return new CommentThread(json.path("id").asText(), json.path("docId").asText(), json.path("quote").asText(),
        json.path("author").asText(), json.path("name").asText(), json.path("createdAt").asLong(), json.path("resolved").asBoolean(),
        json.path("resolvedBy").isTextual() ? json.path("resolvedBy").asText() : null, json.path("resolvedAt").asLong(),
        messages, json.path("rev").asLong());
  }
}
