package org.policycollab.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The ShareDB 1.2 messages a load client writes, and the parts of the server's replies it reads. */
final class WireMessages {
  static final String COLLECTION = "docs";
  static final String RICH_TEXT = "http://sharejs.org/types/rich-text/v1";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private WireMessages() {}

  /** The answer to the server's {@code init}; {@code id: null} asks for a fresh {@code src}. */
  static ObjectNode handshake() {
    return NODES.objectNode().put("a", "hs").putNull("id").put("protocol", 1).put("protocolMinor", 2);
  }

  /** {@code f} or {@code s} of the whole snapshot. */
  static ObjectNode read(String action, String docId) {
    return NODES.objectNode().put("a", action).put("c", COLLECTION).put("d", docId);
  }

  static ObjectNode ping() {
    return NODES.objectNode().put("a", "pp");
  }

  /** An op message carrying {@code body} as its {@code kind}: {@code op} (an edit) or {@code create}. */
  static ObjectNode op(String docId, long version, String src, long seq, String kind, JsonNode body) {
    ObjectNode message = NODES.objectNode()
        .put("a", "op").put("c", COLLECTION).put("d", docId).put("v", version).put("src", src).put("seq", seq);
    message.set(kind, body);
    return message;
  }

  /** A rich-text create holding {@code text}: one insert, or none for an empty document. */
  static ObjectNode create(String text) {
    ObjectNode create = NODES.objectNode().put("type", RICH_TEXT);
    ArrayNode data = create.putArray("data");
    if (!text.isEmpty()) {
      data.addObject().put("insert", text);
    }
    return create;
  }

  /** Whether an {@code op} message from the server carries an op, as a broadcast does; an ack does not. */
  static boolean carriesOp(JsonNode message) {
    return message.has("op") || message.has("create") || message.has("del");
  }

  /** The snapshot of an {@code f} or {@code s} reply. */
  static ShareDbConnection.Snapshot snapshot(JsonNode reply) {
    JsonNode data = reply.path("data");
    boolean exists = data.hasNonNull("type");
    return new ShareDbConnection.Snapshot(data.path("v").asLong(), exists, exists ? text(data.path("data").path("ops")) : "");
  }

  /** The error of a reply, as the failure to count: its kind is the server's code. */
  static LoadError error(JsonNode error) {
    return new LoadError(error.path("code").asText("ERR_UNKNOWN"), error.path("message").asText(""));
  }

  private static String text(JsonNode ops) {
    StringBuilder text = new StringBuilder();
    for (JsonNode op : ops) {
      JsonNode insert = op.get("insert");
      if (insert != null && insert.isTextual()) {
        text.append(insert.textValue());
      } else if (insert != null) {
        text.append('\uFFFC'); // an embed: one position, as in the document
      }
    }
    return text.toString();
  }
}
