package org.policycollab.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policycollab.server.CollabServer;

/**
 * A subscriber that stops reading while a document is busy: its outbound buffer is bounded, then it is
 * disconnected, and the writer and the other readers go on as if it were not there.
 */
@ExtendWith(VertxExtension.class)
class SlowReaderTest {
  /** Each op replaces the document's first piece with another this long: large, but the document stays small. */
  private static final int PIECE = 60_000;
  /** About 36 MB to every subscriber: more than the sockets' buffers and the server's bound together. */
  private static final int OPS = 600;
  /** The writer keeps this many ops in flight: fast, but a reader that reads keeps up. */
  private static final int WINDOW = 10;

  @Test
  @DisplayName("a reader that stops reading is cut off once its backlog passes the bound; the others get every op")
  void slowReaderIsDisconnected(Vertx vertx) throws Exception {
    CollabServer server =
        CollabServer.start(vertx, WireClient.signedInConfig()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    // The clients read on threads of their own, as real ones do, not on the server's.
    Vertx clients = Vertx.vertx();
    try (WireClient writer = WireClient.handshaken(clients, server.port());
        WireClient slow = WireClient.handshaken(clients, server.port());
        WireClient reader = WireClient.handshaken(clients, server.port())) {
      String first = "a".repeat(PIECE);
      writer.send("{\"a\":\"op\",\"c\":\"docs\",\"d\":\"busy\",\"v\":0,\"seq\":1,\"src\":\"" + writer.src
          + "\",\"create\":{\"type\":\"http://sharejs.org/types/rich-text/v1\",\"data\":[{\"insert\":\"" + first + "\\n\"}]}}");
      writer.next(m -> m.path("a").asText().equals("op") && m.path("seq").asInt() == 1, "create");
      for (WireClient subscriber : new WireClient[] {slow, reader}) {
        subscriber.send("{\"a\":\"s\",\"c\":\"docs\",\"d\":\"busy\"}");
        subscriber.next(m -> m.path("a").asText().equals("s"), "subscribe");
      }
      slow.stopReading();

      for (int i = 0; i < WINDOW; i++) {
        sendPiece(writer, i);
      }
      for (int i = 0; i < OPS; i++) {
        if (i + WINDOW < OPS) {
          sendPiece(writer, i + WINDOW);
        }
        int seq = i + 2;
        var ack = writer.next(m -> m.path("a").asText().equals("op") && m.path("seq").asInt() == seq, "op " + seq);
        assertThat(ack.has("error")).as("op %d acknowledged: %s", seq, ack).isFalse();
        var seen = reader.next(m -> m.path("a").asText().equals("op") && m.has("op"), "the reader's copy of op " + seq);
        assertThat(seen.path("v").asLong()).as("the reader gets every op, in order").isEqualTo(i + 1);
      }

      // Reading again, the stalled client finds the server closed it (policy violation, 1008), having
      // been sent only part of the ops; a reset before the close frame (no code) also counts as cut off.
      slow.resumeReading();
      Short code = slow.closed.get(30, TimeUnit.SECONDS);
      assertThat(code).as("closed by the server for not reading").isIn((short) 1008, null, (short) 1006);
      int delivered = 0;
      for (var message = slow.poll(0); message != null; message = slow.poll(0)) {
        if (message.path("a").asText().equals("op") && message.has("op")) {
          delivered++;
        }
      }
      assertThat(delivered).as("the stalled client was cut off before it got everything").isLessThan(OPS);
    } finally {
      clients.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Op {@code i}: the first piece replaced by another, pipelined at the version it will have. */
  private static void sendPiece(WireClient writer, int i) {
    String piece = Character.toString('b' + i % 20).repeat(PIECE);
    writer.sendQueued("{\"a\":\"op\",\"c\":\"docs\",\"d\":\"busy\",\"v\":" + (i + 1) + ",\"seq\":" + (i + 2) + ",\"src\":\""
        + writer.src + "\",\"op\":[{\"insert\":\"" + piece + "\"},{\"delete\":" + PIECE + "}]}");
  }
}
