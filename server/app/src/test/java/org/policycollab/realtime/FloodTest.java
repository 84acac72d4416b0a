package org.policycollab.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policycollab.server.CollabServer;

/** A client sending far over its rate is slowed down; nothing it sent is lost and others go on. */
@ExtendWith(VertxExtension.class)
class FloodTest {

  @Test
  @DisplayName("a flooding client is throttled, loses nothing, and does not hold up another client")
  void floodIsThrottled(Vertx vertx) throws Exception {
    CollabServer server =
        CollabServer.start(vertx, WireClient.signedInConfig())
            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    try (WireClient flooder = WireClient.handshaken(vertx, server.port());
        WireClient bystander = WireClient.handshaken(vertx, server.port())) {
      // The burst, then two seconds' worth over the rate, all at once.
      int messages = AgentLimits.DEFAULT.burst() + 2 * AgentLimits.DEFAULT.messagesPerSecond();
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        flooder.sendQueued("{\"a\":\"hs\",\"id\":\"admin:flood-" + i + "\"}");
      }
      // The bystander is answered while the flooder's backlog is still being worked off.
      long asked = System.nanoTime();
      bystander.send("{\"a\":\"pp\"}");
      bystander.next(m -> m.path("a").asText().equals("pp"));
      long bystanderMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);

      int answered = 0;
      String last = null;
      while (answered < messages) {
        last = flooder.next(m -> m.path("a").asText().equals("hs")).path("id").asText();
        answered++;
      }
      long floodMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(last).isEqualTo("admin:flood-" + (messages - 1));
      assertThat(floodMillis).as("the flood was slowed to the rate").isGreaterThan(1_800);
      assertThat(bystanderMillis).as("the bystander did not wait for the flood").isLessThan(floodMillis / 2);
    } finally {
      server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
