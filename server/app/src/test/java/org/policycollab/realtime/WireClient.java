package org.policycollab.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A raw protocol client for tests: sends JSON text, and hands the test thread what arrives, in order.
 * The test thread blocks on {@link #next}; the event loop only enqueues.
 */
final class WireClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<ObjectNode> received;
  private final List<ObjectNode> skipped = new ArrayList<>();
  /** Completes with the close code (null when the connection ended without one) when it closes. */
  final java.util.concurrent.CompletableFuture<Short> closed = new java.util.concurrent.CompletableFuture<>();

  private WireClient(WebSocketClient client, WebSocket socket, BlockingQueue<ObjectNode> received) {
    this.client = client;
    this.socket = socket;
    this.received = received;
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
  }

  /** The administrator's password on the servers these tests start ({@link #signedInConfig}). */
  static final String ADMIN_PASSWORD = "protocol-test-admin-password";

  /** A single in-memory node whose administrator has {@link #ADMIN_PASSWORD}. */
  static org.policycollab.server.ServerConfig signedInConfig() {
    return new org.policycollab.server.ServerConfig("127.0.0.1", 0, java.nio.file.Path.of("unused"), true, null)
        .withAccounts(org.policycollab.server.AccountSettings.DEFAULT.withAdminPassword(ADMIN_PASSWORD));
  }

  /** Signs in as the administrator over HTTP, as any client does; the session token. */
  static String signIn(int port) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/session"))
        .header("content-type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
        .build();
    var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("sign-in: " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body()).path("token").asText();
  }

  /** Connects signed in as the administrator. */
  static WireClient connect(Vertx vertx, int port) throws Exception {
    return connect(vertx, port, signIn(port));
  }

  static WireClient connect(Vertx vertx, int port, String token) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    BlockingQueue<ObjectNode> received = new LinkedBlockingQueue<>();
    // The handler is set on the event loop as the connection completes, so the server's first message
    // (init, sent at once) cannot arrive before it.
    WebSocket socket =
        client
            .connect(port, "127.0.0.1", "/ws?access_token=" + token)
            .onSuccess(ws -> ws.textMessageHandler(text -> received.add(parse(text))))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return new WireClient(client, socket, received);
  }

  /** Connects and completes the handshake; returns the connection's src. */
  static WireClient handshaken(Vertx vertx, int port) throws Exception {
    WireClient wire = connect(vertx, port);
    wire.next(m -> m.path("a").asText().equals("init"));
    wire.send("{\"a\":\"hs\",\"id\":null,\"protocol\":1,\"protocolMinor\":2}");
    wire.src = wire.next(m -> m.path("a").asText().equals("hs")).path("id").asText();
    return wire;
  }

  String src;

  void send(String json) {
    socket.writeTextMessage(json).toCompletionStage().toCompletableFuture().join();
  }

  /** Stops reading from the socket: what the server sends piles up in TCP, then in the server. */
  void stopReading() {
    socket.pause();
  }

  void resumeReading() {
    socket.resume();
  }

  /** Queues a message without waiting for it to be written: for sending faster than the server reads. */
  void sendQueued(String json) {
    socket.writeTextMessage(json);
  }

  void send(JsonNode json) {
    send(json.toString());
  }

  /** The next message, failing after 10 s. */
  ObjectNode next() throws InterruptedException {
    ObjectNode message = received.poll(10, TimeUnit.SECONDS);
    if (message == null) {
      throw new AssertionError("no message within 10 s; skipped before: " + skipped);
    }
    return message;
  }

  /** The next message matching; {@code waitingFor} names it in the failure. */
  ObjectNode next(Predicate<ObjectNode> wanted, String waitingFor) throws InterruptedException {
    try {
      return next(wanted);
    } catch (AssertionError e) {
      throw new AssertionError("waiting for the reply to " + waitingFor + ": " + e.getMessage(), e);
    }
  }

  /** The next message matching, remembering the ones passed over. */
  ObjectNode next(Predicate<ObjectNode> wanted) throws InterruptedException {
    while (true) {
      ObjectNode message = next();
      if (wanted.test(message)) {
        return message;
      }
      skipped.add(message);
    }
  }

  /** Nothing arrives within {@code millis}: for asserting that something is not sent. */
  ObjectNode poll(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() {
    socket.close();
    client.close();
  }
}
