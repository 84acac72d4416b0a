package org.policycollab.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.function.BiFunction;
import org.policycollab.access.AccessNotices;
import org.policycollab.access.Caller;
import org.policycollab.accounts.Account;
import org.policycollab.accounts.Accounts;
import org.policycollab.document.ErrorCode;
import org.policycollab.document.OwnerClient;
import org.policycollab.json.Json;
import org.policycollab.metrics.ServerMetrics;
import org.policycollab.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection speaking ShareDB protocol 1.2: reads a message, dispatches it through one
 * action table, and answers every request, with an error reply when it must refuse. Document work goes
 * to the owners over the event bus ({@link Feeds}); presence to {@link Presences}.
 */
public final class Agent {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
  private static final String JSON0 = "http://sharejs.org/types/JSONv0";
  private static final long STALLED_MS = 30_000;
  /**
   * What may wait for a client that has stopped reading, beyond the socket's own buffers: a few seconds
   * of a busy document. Past it the connection is closed at once, so one reader cannot hold the
   * server's memory (or, by holding it, anyone else's edits).
   */
  static final long MAX_UNREAD_CHARS = 8L << 20;
  /** Close codes the web client acts on: sign in again; reload the rights on a document. */
  public static final short CLOSE_SESSION_ENDED = 4401;
  public static final short CLOSE_ACCESS_CHANGED = 4403;

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final AgentLimits limits;
  private final Throttle throttle;
  private final Feeds feeds;
  private final Presences presences;
  private final History history;
  private final Account account;
  private final ServerMetrics metrics;
  private final long expiresAtMs;
  private final String tokenId;
  private final DocumentClient documents;
  private String src;
  private boolean closed;
  private boolean backedUp;
  /** Closing: nothing more is written (for a client not reading, it would only pile up). */
  private boolean closing;
  private long unreadChars;
  private long expiryTimer = -1;
  private MessageConsumer<String> notices;

  /** A connection of {@code signedIn}'s account, whose session ends at its token's expiry. */
  public Agent(
      Vertx vertx,
      ServerWebSocket socket,
      DocumentStore store,
      OwnerClient owners,
      AgentLimits limits,
      Accounts.SignedIn signedIn,
      ServerMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.socket = socket;
    this.limits = limits;
    this.account = signedIn.account();
    this.expiresAtMs = signedIn.expiresAtMs();
    this.tokenId = signedIn.tokenId();
    this.throttle = new Throttle(limits.burst(), limits.messagesPerSecond(), System.currentTimeMillis());
    this.src = Sources.fresh(account.username());
    this.documents = new DocumentClient(vertx.eventBus(), owners, new Caller(account.username(), account.admin()));
    this.feeds = new Feeds(vertx.eventBus(), documents, this::send, () -> src, metrics);
    this.presences = new Presences(vertx.eventBus(), documents, this::send, () -> src, account.displayName(), metrics);
    this.history = new History(store);
  }

  /**
   * The protocol's actions, one table for all connections: a connection is a few hundred bytes less,
   * which counts at ten thousand of them.
   */
  private static final Map<String, BiFunction<Agent, ObjectNode, Future<?>>> ACTIONS =
      Map.ofEntries(
          Map.entry("hs", Agent::handshake),
          Map.entry("pp", (agent, message) -> agent.reply(Json.object().put("a", "pp"))),
          Map.entry("f", (agent, message) -> agent.feeds.fetch(message, false)),
          Map.entry("s", (agent, message) -> agent.feeds.fetch(message, true)),
          Map.entry("u", (agent, message) -> agent.feeds.unsubscribe(message)),
          Map.entry("bf", (agent, message) -> agent.feeds.bulkFetch(message, false)),
          Map.entry("bs", (agent, message) -> agent.feeds.bulkFetch(message, true)),
          Map.entry("bu", (agent, message) -> agent.feeds.bulkUnsubscribe(message)),
          Map.entry("op", (agent, message) -> agent.feeds.submit(message)),
          Map.entry("nf", (agent, message) -> agent.snapshotAt(message, false)),
          Map.entry("nt", (agent, message) -> agent.snapshotAt(message, true)),
          Map.entry("p", (agent, message) -> agent.presences.submit(message)),
          Map.entry("ps", (agent, message) -> agent.presences.subscribe(message)),
          Map.entry("pu", (agent, message) -> agent.presences.unsubscribe(message)),
          Map.entry("pr", (agent, message) -> agent.presences.request(message)),
          Map.entry("qf", (agent, message) -> refuseQuery()),
          Map.entry("qs", (agent, message) -> refuseQuery()),
          Map.entry("qu", (agent, message) -> agent.reply(echo(message))));

  public void start() {
    metrics.connectionOpened();
    // The session ends with its token: the client reconnects, and signs in again if it must.
    long left = expiresAtMs - System.currentTimeMillis();
    expiryTimer = vertx.setTimer(Math.max(1, left), id -> endSession(CLOSE_SESSION_ENDED, "session expired; sign in again"));
    notices = AccessNotices.listen(vertx, account.username(), this::onNotice);
    socket.textMessageHandler(this::receive);
    socket.binaryMessageHandler(buffer -> sendError(Json.object(), ErrorCode.MESSAGE_BADLY_FORMED, "messages are JSON text"));
    socket.closeHandler(v -> close());
    socket.exceptionHandler(error -> LOG.debug("connection {}: {}", src, error.toString()));
    send(
        Json.object()
            .put("a", "init")
            .put("protocol", 1)
            .put("protocolMinor", 2)
            .put("id", src)
            .put("type", JSON0));
  }

  private void receive(String text) {
    long pause = throttle.take(System.currentTimeMillis());
    if (pause > 0) {
      // Over its rate: stop reading this socket for a while; its messages wait in TCP, others go on.
      socket.pause();
      vertx.setTimer(pause, id -> {
        if (!closed) {
          socket.resume();
        }
      });
    }
    ObjectNode message;
    try {
      JsonNode parsed = Json.parse(text);
      if (!parsed.isObject()) {
        sendError(Json.object(), ErrorCode.MESSAGE_BADLY_FORMED, "Invalid or unknown message: not a JSON object");
        return;
      }
      message = (ObjectNode) parsed;
    } catch (JsonProcessingException e) {
      sendError(Json.object(), ErrorCode.MESSAGE_BADLY_FORMED, "Invalid or unknown message: not JSON");
      return;
    }
    if (text.length() > limits.maxMessageChars()) {
      // Echo only what names the request: echoing the payload would send the oversized message back.
      ObjectNode names = Json.object();
      for (String field : new String[] {"a", "c", "d", "v", "seq", "src", "id", "ch"}) {
        if (message.has(field) && message.get(field).isValueNode()) {
          names.set(field, message.get(field));
        }
      }
      sendError(names, ErrorCode.MESSAGE_TOO_LARGE, "message larger than " + limits.maxMessageChars() + " characters");
      return;
    }
    BiFunction<Agent, ObjectNode, Future<?>> action = ACTIONS.get(message.path("a").asText(""));
    if (action == null) {
      sendError(message, ErrorCode.MESSAGE_BADLY_FORMED, "Invalid or unknown message");
      return;
    }
    Future<?> handled;
    try {
      handled = action.apply(this, message);
    } catch (ProtocolException e) {
      handled = Future.failedFuture(e);
    } catch (RuntimeException e) {
      LOG.warn("connection {}: {} failed", src, message.path("a").asText(), e);
      handled = Future.failedFuture(new ProtocolException(ErrorCode.INTERNAL, "internal error"));
    }
    handled.onFailure(error -> {
      if (error instanceof ProtocolException refused) {
        sendError(message, refused.code(), refused.getMessage());
      } else {
        LOG.warn("connection {}: {} failed: {}", src, message.path("a").asText(), error.toString());
        sendError(message, ErrorCode.INTERNAL, "internal error");
      }
    });
  }

  /**
   * What this person may see changed: their account (disabled) or their role on a document this
   * connection uses. Close, so that the client reconnects under the new rights (or signs in again).
   */
  private void onNotice(AccessNotices.Notice notice) {
    if (notice.tokenId() != null) {
      if (notice.tokenId().equals(tokenId)) {
        endSession(CLOSE_SESSION_ENDED, "signed out");
      }
    } else if (notice.docId() == null && notice.signedOut()) {
      endSession(CLOSE_SESSION_ENDED, "the account was disabled or its password changed; sign in again");
    } else if (notice.docId() == null) {
      endSession(CLOSE_ACCESS_CHANGED, "your rights changed");
    } else if (feeds.holds(notice.docId()) || presences.holds(notice.docId())) {
      endSession(CLOSE_ACCESS_CHANGED, "your access to a document changed");
    }
  }

  private void endSession(short code, String reason) {
    if (!closed && !closing) {
      LOG.info("closing connection {}: {}", src, reason);
      closing = true;
      socket.close(code, reason);
    }
  }

  /**
   * Answers both {@code hs} the client sends; a string id is its identity from an earlier connection,
   * taken only if it was this person's.
   */
  private Future<?> handshake(ObjectNode message) {
    JsonNode id = message.get("id");
    if (id != null && id.isTextual() && Sources.belongsTo(id.textValue(), account.username())) {
      src = id.textValue();
    }
    return reply(
        Json.object().put("a", "hs").put("protocol", 1).put("protocolMinor", 2).put("id", src).put("type", JSON0));
  }

  private Future<?> snapshotAt(ObjectNode message, boolean byTime) {
    String collection = Requests.collection(message);
    String docId = Requests.docId(message.get("d"));
    JsonNode at = message.get(byTime ? "ts" : "v");
    long point = Requests.version(at);
    // History is read from the store here, not by the owner: ask the owner first whether it may be.
    Future<ObjectNode> snapshot = documents.request("access", collection, docId, Json.object()).compose(allowed ->
        byTime ? history.atTime(collection, docId, point) : history.at(collection, docId, point));
    return snapshot.onSuccess(found -> {
      ObjectNode reply = Json.object().put("a", message.path("a").asText());
      reply.set("id", message.get("id"));
      reply.put("v", found.path("v").asLong());
      reply.set("type", found.get("type"));
      if (found.has("data")) {
        reply.set("data", found.get("data"));
      }
      reply.putNull("m");
      send(reply);
    });
  }

  private static Future<?> refuseQuery() {
    return Future.failedFuture(
        new ProtocolException(ErrorCode.DATABASE_METHOD_NOT_IMPLEMENTED, "Queries are not supported"));
  }

  private static ObjectNode echo(ObjectNode message) {
    return message.deepCopy();
  }

  private Future<?> reply(ObjectNode reply) {
    send(reply);
    return Future.succeededFuture();
  }

  void send(ObjectNode message) {
    send(Json.write(message));
  }

  void send(String text) {
    if (closed || closing || socket.isClosed()) {
      return; // the close handler has not run yet, but the client is gone or going
    }
    socket.writeTextMessage(text);
    if (backedUp) {
      unreadChars += text.length();
      if (unreadChars > MAX_UNREAD_CHARS) {
        endSession((short) 1008, "not reading: " + unreadChars + " characters waiting");
      }
    } else if (socket.writeQueueFull()) {
      backedUp();
    }
  }

  /**
   * The client reads slower than it is answered: stop reading its requests until it catches up. One
   * that stays backed up for {@link #STALLED_MS}, or lets {@link #MAX_UNREAD_CHARS} pile up meanwhile,
   * has stopped reading: close it (it may reconnect and catch up from its version), so it cannot hold
   * the server's memory.
   */
  private void backedUp() {
    backedUp = true;
    unreadChars = 0;
    socket.pause();
    long stalled = vertx.setTimer(STALLED_MS, id -> {
      if (backedUp) {
        endSession((short) 1008, "not reading");
      }
    });
    socket.drainHandler(v -> {
      backedUp = false;
      unreadChars = 0;
      vertx.cancelTimer(stalled);
      if (!closed) {
        socket.resume();
      }
    });
  }

  /** The request echoed with an {@code error}, as ShareDB replies. */
  private void sendError(ObjectNode request, ErrorCode code, String message) {
    metrics.refused(code.wire());
    ObjectNode reply = request.deepCopy();
    reply.putObject("error").put("code", code.wire()).put("message", message);
    send(reply);
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    metrics.connectionClosed();
    vertx.cancelTimer(expiryTimer);
    if (notices != null) {
      notices.unregister();
    }
    feeds.close();
    presences.close();
  }
}
