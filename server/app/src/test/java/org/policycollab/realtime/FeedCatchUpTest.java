package org.policycollab.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policycollab.cluster.Membership;
import org.policycollab.document.DocumentBus;
import org.policycollab.document.JsonMessageCodec;
import org.policycollab.document.OwnerClient;
import org.policycollab.json.Json;

/**
 * When a document changes owner, a subscriber can see a gap in its ops (some came by the old owner, some
 * by the new) or be told the new owner's version. Either way it fetches what it missed and the client
 * gets every op once, in order. The owner here is a stand-in on the hub's address that knows four ops.
 */
@ExtendWith(VertxExtension.class)
class FeedCatchUpTest {
  private static final String DOC = "moving";
  private final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
  private final List<Long> opsRequestedFrom = new ArrayList<>();
  private Context context;
  private Feeds feeds;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    JsonMessageCodec.register(vertx.eventBus());
    vertx.eventBus().<ObjectNode>localConsumer(DocumentBus.REQUESTS, message -> {
      ObjectNode request = message.body();
      ObjectNode reply = Json.object();
      if ("fetch".equals(request.path("action").asText())) {
        reply.putObject("snapshot").put("v", 1).put("type", "http://sharejs.org/types/rich-text/v1").putArray("data");
      } else {
        long from = request.path("from").asLong();
        synchronized (opsRequestedFrom) {
          opsRequestedFrom.add(from);
        }
        ArrayNode ops = reply.put("v", 5).putArray("ops");
        for (long v = from; v <= 4; v++) {
          ops.addObject().put("v", v).put("src", "other").put("seq", v).put("msg", op(v));
        }
      }
      message.reply(reply);
    }).completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    context = vertx.getOrCreateContext();
    DocumentClient documents = new DocumentClient(vertx.eventBus(), new OwnerClient(vertx, Membership.single()), new org.policycollab.access.Caller("me", false));
    feeds = new Feeds(vertx.eventBus(), documents, sent::add, () -> "me", org.policycollab.metrics.ServerMetrics.discarded());
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    context.runOnContext(v -> feeds
        .fetch(Json.object().put("a", "s").put("c", "docs").put("d", DOC), true)
        .onComplete(done -> subscribed.complete(null)));
    subscribed.get(5, TimeUnit.SECONDS);
    assertThat(next()).contains("\"a\":\"s\"");
  }

  private static String op(long version) {
    return "{\"a\":\"op\",\"v\":" + version + "}";
  }

  private String next() throws InterruptedException {
    String message = sent.poll(5, TimeUnit.SECONDS);
    assertThat(message).as("a message to the client within 5 s").isNotNull();
    return message;
  }

  private void broadcast(Vertx vertx, long version) {
    DeliveryOptions options = new DeliveryOptions()
        .addHeader(DocumentBus.HEADER_VERSION, Long.toString(version))
        .addHeader(DocumentBus.HEADER_SRC, "other")
        .addHeader(DocumentBus.HEADER_SEQ, Long.toString(version));
    vertx.eventBus().publish(DocumentBus.opsAddress("docs", DOC), op(version), options);
  }

  @Test
  @DisplayName("an op past a gap makes the feed fetch the missing ops; each reaches the client once, in order")
  void gap(Vertx vertx) throws Exception {
    broadcast(vertx, 3);
    assertThat(List.of(next(), next(), next())).containsExactly(op(1), op(2), op(3));
    broadcast(vertx, 3); // the same op by its old route: already delivered
    broadcast(vertx, 4);
    assertThat(next()).isEqualTo(op(4));
    assertThat(sent.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(opsRequestedFrom).containsExactly(1L);
  }

  @Test
  @DisplayName("told the new owner's version, a feed behind it catches up without waiting for the next op")
  void head(Vertx vertx) throws Exception {
    vertx.eventBus().publish(DocumentBus.opsAddress("docs", DOC), "",
        new DeliveryOptions().addHeader(DocumentBus.HEADER_HEAD, "5"));
    assertThat(List.of(next(), next(), next(), next())).containsExactly(op(1), op(2), op(3), op(4));
    vertx.eventBus().publish(DocumentBus.opsAddress("docs", DOC), "",
        new DeliveryOptions().addHeader(DocumentBus.HEADER_HEAD, "5"));
    assertThat(sent.poll(200, TimeUnit.MILLISECONDS)).as("up to date: nothing more").isNull();
  }
}
