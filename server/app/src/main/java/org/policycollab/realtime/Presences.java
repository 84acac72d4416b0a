package org.policycollab.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.policycollab.document.DocumentBus;
import org.policycollab.document.ErrorCode;
import org.policycollab.json.Json;
import org.policycollab.metrics.ServerMetrics;

/**
 * A connection's presence: the channels it listens to ({@code ps}/{@code pu}), the presences it
 * announces ({@code p}; on a document moved to the current version by the owner), requests for
 * everyone's presence ({@code pr}), and the leaves sent for it when it unsubscribes or disconnects.
 */
final class Presences {
  private static final int MAX_CHANNEL_LENGTH = 256;
  /**
   * Channels about a document that only the server announces on, with what a client trying to is told:
   * its comment threads ({@code comments.<docId>}) and whether its edits wait for the store
   * ({@code status.<docId>}, from its owner).
   */
  private static final Map<String, String> SERVER_CHANNELS = Map.of(
      "comments.", "only the server announces comment threads; use the comments API",
      "status.", "only the server announces a document's saving status");

  private final EventBus bus;
  private final DocumentClient documents;
  private final Consumer<String> out;
  private final Supplier<String> src;
  private final Map<String, MessageConsumer<String>> channels = new HashMap<>();
  /** The last presence message this connection sent, per channel and presence id: its leaves. */
  private final Map<String, Map<String, ObjectNode>> announced = new HashMap<>();
  /** The document channels this connection may use: checked with the owner once, dropped with the connection. */
  private final Map<String, Future<Void>> allowed = new HashMap<>();
  private final String displayName;
  private final ServerMetrics metrics;

  Presences(
      EventBus bus, DocumentClient documents, Consumer<String> out, Supplier<String> src, String displayName, ServerMetrics metrics) {
    this.metrics = metrics;
    this.bus = bus;
    this.documents = documents;
    this.out = out;
    this.src = src;
    this.displayName = displayName;
  }

  /**
   * A document's channel ({@code docs.<id>}) carries who is where in it, {@code comments.<id>} its
   * comment threads and {@code status.<id>} whether its edits are being saved: only for those it is
   * shared with. (A change of their access closes the connection,
   * so the answer holds while it is open.) Other channels carry no document and are open to everyone
   * signed in.
   */
  private Future<Void> mayUse(String channel) {
    String prefix = channel.startsWith(Requests.COLLECTION + ".") ? Requests.COLLECTION + "." : serverPrefix(channel);
    if (prefix == null) {
      return Future.succeededFuture();
    }
    Future<Void> check = allowed.get(channel);
    if (check == null || check.failed()) {
      String docId = Requests.docId(Json.object().textNode(channel.substring(prefix.length())));
      check = documents.request("access", Requests.COLLECTION, docId, Json.object()).mapEmpty();
      allowed.put(channel, check);
    }
    return check;
  }

  /** Whether the connection uses this document's presence. */
  boolean holds(String docId) {
    String channel = Requests.COLLECTION + "." + docId;
    return channels.containsKey(channel) || announced.containsKey(channel);
  }

  Future<?> subscribe(ObjectNode message) {
    String channel = channel(message);
    return mayUse(channel).compose(v -> listen(message, channel));
  }

  private Future<?> listen(ObjectNode message, String channel) {
    Future<Void> listening = Future.succeededFuture();
    if (!channels.containsKey(channel)) {
      MessageConsumer<String> consumer =
          bus.localConsumer(DocumentBus.presenceAddress(channel), this::onPresence);
      channels.put(channel, consumer);
      listening = consumer.completion().compose(v -> documents.watch(channel, null, null));
    }
    return listening.onSuccess(v -> {
      out.accept(Json.write(echo(message, channel)));
      // Ask everyone else on the channel to announce themselves to the newcomer.
      publishRequest(channel);
    });
  }

  Future<?> unsubscribe(ObjectNode message) {
    String channel = channel(message);
    MessageConsumer<String> consumer = channels.remove(channel);
    Future<Void> stopped = Future.succeededFuture();
    if (consumer != null) {
      documents.unwatch(channel);
      stopped = consumer.unregister();
    }
    return stopped.compose(v -> leave(channel)).onSuccess(v -> out.accept(Json.write(echo(message, channel))));
  }

  /** {@code pr}: ask the others for their presence; the reply carries no channel. */
  Future<?> request(ObjectNode message) {
    String channel = channel(message);
    return mayUse(channel).onSuccess(v -> {
      publishRequest(channel);
      out.accept(Json.write(Json.object().put("a", "pr")));
    });
  }

  Future<?> submit(ObjectNode message) {
    metrics.presenceMessage();
    String channel = channel(message);
    JsonNode id = message.get("id");
    if (id == null || !id.isTextual() || id.textValue().isEmpty() || id.textValue().length() > 128) {
      throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "Invalid presence id");
    }
    if (!message.path("pv").isIntegralNumber()) {
      throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "Invalid presence version");
    }
    JsonNode range = message.get("p");
    if (range != null && !range.isNull() && !range.isObject()) {
      throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "presence must be an object or null");
    }
    String serverPrefix = serverPrefix(channel);
    if (serverPrefix != null) {
      throw new ProtocolException(ErrorCode.FORBIDDEN, SERVER_CHANNELS.get(serverPrefix));
    }
    ObjectNode presence = message.deepCopy();
    presence.put("src", src.get());
    if (range != null && range.isObject() && range.has("name")) {
      // Others see this name beside the cursor and in lists: it is the account's, not what the client says.
      ((ObjectNode) presence.get("p")).put("name", displayName);
    }
    return mayUse(channel).compose(v -> {
      announced.computeIfAbsent(channel, c -> new HashMap<>()).put(id.textValue(), presence);
      return publish(channel, presence);
    });
  }

  private Future<Void> publish(String channel, ObjectNode presence) {
    boolean listening = channels.containsKey(channel);
    if (!presence.has("d")) {
      send(channel, presence, "p");
      if (!listening) {
        out.accept(Json.write(presence));
      }
      return Future.succeededFuture();
    }
    String collection = Requests.collection(presence);
    String docId = Requests.docId(presence.get("d"));
    ObjectNode request = Json.object();
    request.set("message", presence);
    return documents.request("presence", collection, docId, request).map(reply -> {
      // The owner published it to the channel; a sender not listening there still gets its ack.
      if (!listening) {
        out.accept(Json.write(reply.get("message")));
      }
      return null;
    });
  }

  private void send(String channel, ObjectNode presence, String kind) {
    documents.broadcast(channel, Json.write(presence), src.get(), kind);
  }

  private void publishRequest(String channel) {
    send(channel, Json.object().put("a", "pr").put("ch", channel), "pr");
  }

  private void onPresence(Message<String> message) {
    boolean own = src.get().equals(message.headers().get(DocumentBus.HEADER_SRC));
    if ("pr".equals(message.headers().get(DocumentBus.HEADER_KIND)) && own) {
      return; // a request for presence goes to the others only
    }
    out.accept(message.body());
  }

  /** Withdraws every presence this connection announced on the channel: the same message, p null. */
  private Future<Void> leave(String channel) {
    Map<String, ObjectNode> mine = announced.remove(channel);
    if (mine == null) {
      return Future.succeededFuture();
    }
    Future<Void> all = Future.succeededFuture();
    for (ObjectNode last : mine.values()) {
      if (last.path("p").isNull() || last.path("p").isMissingNode()) {
        continue;
      }
      ObjectNode gone = last.deepCopy();
      gone.putNull("p");
      gone.remove("v"); // the owner sets the current version
      all = all.compose(v -> publish(channel, gone).recover(error -> Future.succeededFuture()));
    }
    return all;
  }

  /** The prefix of the server's channel {@code channel} is, or {@code null}. */
  private static String serverPrefix(String channel) {
    return SERVER_CHANNELS.keySet().stream().filter(channel::startsWith).findFirst().orElse(null);
  }

  private static String channel(ObjectNode message) {
    JsonNode ch = message.get("ch");
    if (ch == null || !ch.isTextual() || ch.textValue().isEmpty() || ch.textValue().length() > MAX_CHANNEL_LENGTH) {
      throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "Invalid presence channel");
    }
    return ch.textValue();
  }

  private static ObjectNode echo(ObjectNode message, String channel) {
    ObjectNode reply = Json.object().put("a", message.path("a").asText()).put("ch", channel);
    reply.set("seq", message.get("seq"));
    return reply;
  }

  void close() {
    // The connection is gone: nobody to reply to, but the others must see its presence leave.
    for (String channel : Map.copyOf(announced).keySet()) {
      leave(channel);
    }
    channels.forEach((channel, consumer) -> {
      documents.unwatch(channel);
      consumer.unregister();
    });
    channels.clear();
  }
}
