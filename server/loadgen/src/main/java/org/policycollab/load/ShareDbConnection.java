package org.policycollab.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One ShareDB connection over a WebSocket, as a load client needs it: handshake, fetch, subscribe,
 * submit with a per-connection {@code seq}, and the dispatch of what arrives to the request it answers
 * (by {@code src} and {@code seq} for ops). Every request fails after {@link #REPLY_TIMEOUT_MS}.
 *
 * <p>The state is confined to the connection's event loop: calls from other threads hop onto it, so
 * nothing here locks. Only {@link #knownVersion} must be called on the loop ({@link #onLoop}).
 */
final class ShareDbConnection {
  static final long REPLY_TIMEOUT_MS = 30_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A committed op of another connection on a document this one subscribed. */
  record RemoteOp(String docId, long version, String src, long seq, long receivedNanos) {}

  /** The server's acknowledgement of one of this connection's ops: the version it was committed at. */
  record Ack(long seq, long version, long sentNanos, long ackedNanos) {
    long latencyNanos() {
      return ackedNanos - sentNanos;
    }
  }

  /** A document as fetched or subscribed; {@code text} joins its inserts (an embed counts as one char). */
  record Snapshot(long version, boolean exists, String text) {}

  /** Told of each op just before it is written, so that its readers can be expected by src and seq. */
  interface SubmitObserver {
    void sent(String docId, String src, long seq, long sentNanos);
  }

  private final Vertx vertx;
  private final Context context;
  private final Thread loop;
  private final WebSocket socket;
  private final Tally tally;
  private final Promise<ShareDbConnection> handshake = Promise.promise();
  private final AwaitedReplies awaited;
  private final Map<String, Long> versions = new HashMap<>();
  private Consumer<RemoteOp> remoteOps = op -> {};
  private SubmitObserver submitObserver = (docId, src, seq, sentNanos) -> {};
  private String src;
  private long nextSeq = 1;
  private boolean closing;
  private boolean closed;

  private ShareDbConnection(Vertx vertx, WebSocket socket, Tally tally) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.loop = Thread.currentThread();
    this.socket = socket;
    this.tally = tally;
    this.awaited = new AwaitedReplies(vertx, REPLY_TIMEOUT_MS);
    // Set while still in the connect callback, so the server's init cannot arrive before them.
    socket.textMessageHandler(this::receive);
    socket.closeHandler(v -> onClose());
    socket.exceptionHandler(error -> {}); // a close follows, and is what counts
  }

  /**
   * Connects and completes the handshake. Unexpected closes and error replies that answer no request
   * are counted on {@code tally}; a failed request fails its future instead, for the caller to count.
   */
  static Future<ShareDbConnection> open(Vertx vertx, WebSocketClient client, Target target, Tally tally) {
    Future<WebSocket> connecting = client.connect(target.webSocket());
    Future<ShareDbConnection> opened = connecting
        .recover(failure -> Future.failedFuture(new LoadError(LoadError.CONNECT, String.valueOf(failure.getMessage()))))
        .compose(socket -> new ShareDbConnection(vertx, socket, tally).handshake.future())
        .timeout(REPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    // Timed out or refused after the socket opened: close it, nobody will use it.
    opened.onFailure(failure -> connecting.onSuccess(WebSocket::close));
    return opened;
  }

  String src() {
    return src;
  }

  /** Runs {@code action} on this connection's event loop: where its timers and {@link #knownVersion} belong. */
  void onLoop(Runnable action) {
    if (Thread.currentThread() == loop) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /** Runs {@code action} on this connection's event loop after {@code delayMillis}. */
  void later(long delayMillis, Runnable action) {
    onLoop(() -> vertx.setTimer(delayMillis, id -> action.run()));
  }

  void onRemoteOp(Consumer<RemoteOp> listener) {
    onLoop(() -> remoteOps = listener);
  }

  void onSubmit(SubmitObserver observer) {
    onLoop(() -> submitObserver = observer);
  }

  /** The latest version this connection has seen of a subscribed document; call on the loop. */
  long knownVersion(String docId) {
    return versions.getOrDefault(docId, 0L);
  }

  /** {@link #knownVersion}, from any thread. */
  Future<Long> seenVersion(String docId) {
    Promise<Long> promise = Promise.promise();
    onLoop(() -> promise.complete(knownVersion(docId)));
    return promise.future();
  }

  Future<Snapshot> subscribe(String docId) {
    return read("s", docId);
  }

  Future<Snapshot> fetch(String docId) {
    return read("f", docId);
  }

  /** Creates a rich-text document holding {@code text}; this connection's person becomes its manager. */
  Future<Ack> create(String docId, String text) {
    return submit(docId, 0, "create", WireMessages.create(text));
  }

  /** Submits an edit made at {@code version}; the server transforms it over whatever committed since. */
  Future<Ack> edit(String docId, long version, ArrayNode op) {
    return submit(docId, version, "op", op);
  }

  Future<Void> ping() {
    Promise<Void> promise = Promise.promise();
    onLoop(() -> {
      if (refuseWhenClosed(promise)) {
        return;
      }
      awaited.ping(promise);
      send(WireMessages.ping());
    });
    return promise.future();
  }

  boolean isOpen() {
    return !closed;
  }

  /** Closes on purpose: not counted as an error. */
  Future<Void> close() {
    Promise<Void> promise = Promise.promise();
    onLoop(() -> {
      closing = true;
      if (closed) {
        promise.complete();
      } else {
        socket.close().onComplete(done -> promise.complete());
      }
    });
    return promise.future().timeout(REPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private Future<Snapshot> read(String action, String docId) {
    Promise<Snapshot> promise = Promise.promise();
    onLoop(() -> {
      if (refuseWhenClosed(promise)) {
        return;
      }
      if (!awaited.read(action + ":" + docId, promise, action + " " + docId)) {
        promise.fail(new IllegalStateException(action + " " + docId + " is already waiting for its reply"));
        return;
      }
      send(WireMessages.read(action, docId));
    });
    return promise.future();
  }

  private Future<Ack> submit(String docId, long version, String kind, JsonNode body) {
    Promise<Ack> promise = Promise.promise();
    onLoop(() -> {
      if (refuseWhenClosed(promise)) {
        return;
      }
      long seq = nextSeq++;
      ObjectNode message = WireMessages.op(docId, version, src, seq, kind, body);
      long sentNanos = System.nanoTime();
      awaited.op(seq, new AwaitedReplies.AwaitedOp(sentNanos, promise), "op " + src + "/" + seq + " on " + docId);
      submitObserver.sent(docId, src, seq, sentNanos);
      send(message);
    });
    return promise.future();
  }

  private void receive(String text) {
    long receivedNanos = System.nanoTime();
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      tally.record("bad-reply", "not JSON: " + abbreviate(text));
      return;
    }
    JsonNode error = message.get("error");
    switch (message.path("a").asText("")) {
      case "init" -> send(WireMessages.handshake());
      case "hs" -> onHandshake(message, error);
      case "op" -> onOp(message, error, receivedNanos);
      case "s", "f" -> onRead(message, error);
      case "pp" -> {
        Promise<Void> ping = awaited.takePing();
        if (ping != null) {
          ping.tryComplete();
        }
      }
      default -> {
        if (error != null) {
          tally.record(WireMessages.error(error));
        }
      }
    }
  }

  private void onHandshake(JsonNode message, JsonNode error) {
    if (error != null) {
      handshake.tryFail(WireMessages.error(error));
    } else if (src == null) {
      src = message.path("id").asText();
      handshake.tryComplete(this);
    }
  }

  private void onOp(JsonNode message, JsonNode error, long receivedNanos) {
    String docId = message.path("d").asText();
    long seq = message.path("seq").asLong(-1);
    String opSrc = message.path("src").asText(src);
    if (error != null) {
      AwaitedReplies.AwaitedOp refused = opSrc.equals(src) ? awaited.takeOp(seq) : null;
      LoadError failure = WireMessages.error(error);
      if (refused != null) {
        refused.promise().tryFail(failure);
      } else {
        tally.record(failure);
      }
      return;
    }
    long version = message.path("v").asLong();
    versions.merge(docId, version + 1, Math::max);
    if (!WireMessages.carriesOp(message) && opSrc.equals(src)) {
      AwaitedReplies.AwaitedOp acked = awaited.takeOp(seq);
      if (acked != null) { // else it timed out already, and was counted then
        acked.promise().tryComplete(new Ack(seq, version, acked.sentNanos(), receivedNanos));
      }
      return;
    }
    remoteOps.accept(new RemoteOp(docId, version, opSrc, seq, receivedNanos));
  }

  private void onRead(JsonNode message, JsonNode error) {
    String docId = message.path("d").asText();
    Promise<Snapshot> waiting = awaited.takeRead(message.path("a").asText() + ":" + docId);
    if (waiting == null) {
      if (error != null) {
        tally.record(WireMessages.error(error));
      }
      return;
    }
    if (error != null) {
      waiting.tryFail(WireMessages.error(error));
      return;
    }
    Snapshot snapshot = WireMessages.snapshot(message);
    if ("s".equals(message.path("a").asText())) {
      versions.merge(docId, snapshot.version(), Math::max);
    }
    waiting.tryComplete(snapshot);
  }

  private void onClose() {
    closed = true;
    String why = "connection " + src + " closed" + (closing ? "" : " unexpectedly: status "
        + socket.closeStatusCode() + ", reason " + socket.closeReason());
    if (!closing) {
      tally.record(LoadError.CLOSED, why);
    }
    handshake.tryFail(new LoadError(LoadError.CLOSED, why));
    awaited.failAll(new LoadError(LoadError.CLOSED, why + " before its reply"));
  }

  private boolean refuseWhenClosed(Promise<?> promise) {
    if (closed || closing) {
      promise.tryFail(new LoadError(LoadError.CLOSED, "connection " + src + " is closed"));
      return true;
    }
    return false;
  }

  private void send(ObjectNode message) {
    try {
      socket.writeTextMessage(JSON.writeValueAsString(message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // an ObjectNode always serialises
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "..." : text;
  }
}
