package org.policycollab.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policycollab.server.CollabServer;
import org.policycollab.server.ServerConfig;

/** The ShareDB protocol over a real WebSocket against the whole server on the in-memory store. */
@ExtendWith(VertxExtension.class)
class ServerProtocolTest {
  private CollabServer server;
  private int port;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    ServerConfig config = WireClient.signedInConfig();
    server = CollabServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    port = server.port();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static boolean is(ObjectNode message, String action) {
    return message.path("a").asText().equals(action);
  }

  private static void create(WireClient client, String doc, String text, int seq) throws Exception {
    client.send("{\"a\":\"op\",\"c\":\"docs\",\"d\":\"" + doc + "\",\"v\":null,\"seq\":" + seq
        + ",\"create\":{\"type\":\"rich-text\",\"data\":[{\"insert\":\"" + text + "\"}]}}");
    ObjectNode ack = client.next(m -> is(m, "op"));
    assertThat(ack.has("error")).as("create acked: %s", ack).isFalse();
    assertThat(ack.path("v").asLong()).isZero();
  }

  @Test
  @DisplayName("the handshake gives a connection id and the json0 default type")
  void handshake(Vertx vertx) throws Exception {
    try (WireClient client = WireClient.connect(vertx, port)) {
      ObjectNode init = client.next();
      assertThat(init.path("a").asText()).isEqualTo("init");
      assertThat(init.path("protocol").asInt()).isEqualTo(1);
      assertThat(init.path("type").asText()).isEqualTo("http://sharejs.org/types/JSONv0");
      client.send("{\"a\":\"hs\",\"id\":\"admin:earlier-id\",\"protocol\":1,\"protocolMinor\":2}");
      ObjectNode hs = client.next();
      assertThat(hs.path("id").asText()).isEqualTo("admin:earlier-id");
    }
  }

  @Test
  @DisplayName("a created document can be fetched with its text and version")
  void createAndFetch(Vertx vertx) throws Exception {
    try (WireClient client = WireClient.handshaken(vertx, port)) {
      create(client, "a", "Tere 😀", 1);
      client.send("{\"a\":\"f\",\"c\":\"docs\",\"d\":\"a\"}");
      ObjectNode fetched = client.next(m -> is(m, "f"));
      assertThat(fetched.path("data").path("v").asLong()).isEqualTo(1);
      assertThat(fetched.path("data").path("type").asText()).isEqualTo("http://sharejs.org/types/rich-text/v1");
      assertThat(fetched.path("data").path("data").toString()).isEqualTo("{\"ops\":[{\"insert\":\"Tere 😀\"}]}");
    }
  }

  @Test
  @DisplayName("a subscriber gets others' ops in order; the author gets an ack and never its own op")
  void opsReachSubscribersAndAuthorsGetAcks(Vertx vertx) throws Exception {
    try (WireClient reader = WireClient.handshaken(vertx, port);
        WireClient author = WireClient.handshaken(vertx, port)) {
      create(author, "b", "ab", 1);
      reader.send("{\"a\":\"s\",\"c\":\"docs\",\"d\":\"b\"}");
      assertThat(reader.next(m -> is(m, "s")).path("data").path("v").asLong()).isEqualTo(1);
      author.send("{\"a\":\"s\",\"c\":\"docs\",\"d\":\"b\"}");
      author.next(m -> is(m, "s"));

      author.send("{\"a\":\"op\",\"c\":\"docs\",\"d\":\"b\",\"v\":1,\"seq\":2,\"op\":[{\"retain\":1},{\"insert\":\"X\"}]}");
      ObjectNode ack = author.next(m -> is(m, "op"));
      assertThat(ack.has("op")).as("an ack, not the op: %s", ack).isFalse();
      assertThat(ack.path("seq").asLong()).isEqualTo(2);
      assertThat(ack.path("v").asLong()).isEqualTo(1);

      ObjectNode op = reader.next(m -> is(m, "op"));
      assertThat(op.path("v").asLong()).isEqualTo(1);
      assertThat(op.path("src").asText()).isEqualTo(author.src);
      assertThat(op.path("op").toString()).isEqualTo("[{\"retain\":1},{\"insert\":\"X\"}]");

      // The reader's op is the author's next message: its own op was not echoed before it.
      reader.send("{\"a\":\"op\",\"c\":\"docs\",\"d\":\"b\",\"v\":2,\"seq\":1,\"op\":[{\"insert\":\"R\"}]}");
      reader.next(m -> is(m, "op"));
      ObjectNode next = author.next();
      assertThat(next.path("src").asText()).isEqualTo(reader.src);
      assertThat(next.path("v").asLong()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("concurrent ops are transformed: the later one's ack follows the op it missed")
  void concurrentOpsAreTransformed(Vertx vertx) throws Exception {
    try (WireClient first = WireClient.handshaken(vertx, port);
        WireClient second = WireClient.handshaken(vertx, port)) {
      create(first, "c", "base", 1);
      first.send("{\"a\":\"op\",\"c\":\"docs\",\"d\":\"c\",\"v\":1,\"seq\":2,\"op\":[{\"insert\":\"1\"}]}");
      first.next(m -> is(m, "op"));
      // Written against version 1: it has not seen "1".
      second.send("{\"a\":\"op\",\"c\":\"docs\",\"d\":\"c\",\"v\":1,\"seq\":1,\"op\":[{\"insert\":\"2\"}]}");
      ObjectNode missed = second.next(m -> is(m, "op"));
      assertThat(missed.path("v").asLong()).isEqualTo(1);
      assertThat(missed.path("src").asText()).isEqualTo(first.src);
      ObjectNode ack = second.next(m -> is(m, "op"));
      assertThat(ack.path("v").asLong()).isEqualTo(2);

      second.send("{\"a\":\"f\",\"c\":\"docs\",\"d\":\"c\"}");
      ObjectNode fetched = second.next(m -> is(m, "f"));
      // The committed op wins the tie at index 0.
      assertThat(fetched.path("data").path("data").toString()).isEqualTo("{\"ops\":[{\"insert\":\"12base\"}]}");
    }
  }

  @Test
  @DisplayName("an op resent with the same src and seq is acked again and applied once")
  void resentOpIsDeduplicated(Vertx vertx) throws Exception {
    try (WireClient client = WireClient.handshaken(vertx, port)) {
      create(client, "d", "x", 1);
      String op = "{\"a\":\"op\",\"c\":\"docs\",\"d\":\"d\",\"v\":1,\"src\":\"" + client.src
          + "\",\"seq\":2,\"op\":[{\"insert\":\"once \"}]}";
      client.send(op);
      assertThat(client.next(m -> is(m, "op")).path("v").asLong()).isEqualTo(1);
      client.send(op);
      ObjectNode again = client.next(m -> is(m, "op"));
      assertThat(again.has("error")).as("%s", again).isFalse();
      assertThat(again.path("v").asLong()).isEqualTo(1);
      client.send("{\"a\":\"f\",\"c\":\"docs\",\"d\":\"d\"}");
      ObjectNode fetched = client.next(m -> is(m, "f"));
      assertThat(fetched.path("data").path("v").asLong()).isEqualTo(2);
      assertThat(fetched.path("data").path("data").toString()).isEqualTo("{\"ops\":[{\"insert\":\"once x\"}]}");
    }
  }

  @Test
  @DisplayName("bad messages get error replies with stable codes and the connection stays usable")
  void badMessagesGetErrors(Vertx vertx) throws Exception {
    try (WireClient client = WireClient.handshaken(vertx, port)) {
      create(client, "e", "abc", 1);
      String[][] cases = {
        {"not json", "ERR_MESSAGE_BADLY_FORMED"},
        {"{\"a\":\"nope\"}", "ERR_MESSAGE_BADLY_FORMED"},
        {"{\"a\":\"f\",\"c\":\"other\",\"d\":\"e\"}", "ERR_COLLECTION_NOT_SUPPORTED"},
        {"{\"a\":\"op\",\"c\":\"docs\",\"d\":\"e\",\"v\":1,\"seq\":2,\"op\":[{\"retain\":-1}]}", "ERR_OT_OP_BADLY_FORMED"},
        {"{\"a\":\"op\",\"c\":\"docs\",\"d\":\"e\",\"v\":1,\"seq\":3,\"op\":[{\"retain\":9},{\"insert\":\"x\"}]}", "ERR_OT_OP_NOT_APPLIED"},
        {"{\"a\":\"op\",\"c\":\"docs\",\"d\":\"e\",\"v\":7,\"seq\":4,\"op\":[{\"insert\":\"x\"}]}", "ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT"},
        {"{\"a\":\"op\",\"c\":\"docs\",\"d\":\"none\",\"v\":0,\"seq\":5,\"op\":[{\"insert\":\"x\"}]}", "ERR_DOC_DOES_NOT_EXIST"},
        {"{\"a\":\"op\",\"c\":\"docs\",\"d\":\"j\",\"v\":null,\"seq\":6,\"create\":{\"type\":\"json0\",\"data\":{}}}", "ERR_DOC_TYPE_NOT_RECOGNIZED"},
        {"{\"a\":\"op\",\"c\":\"docs\",\"d\":\"e\",\"v\":null,\"seq\":7,\"create\":{\"type\":\"rich-text\",\"data\":[]}}", "ERR_DOC_ALREADY_CREATED"},
        {"{\"a\":\"qf\",\"id\":1,\"c\":\"docs\",\"q\":{}}", "ERR_DATABASE_METHOD_NOT_IMPLEMENTED"},
        {"{\"a\":\"op\",\"c\":\"docs\",\"d\":\"" + "x".repeat(300) + "\",\"v\":0,\"seq\":8,\"op\":[]}", "ERR_MESSAGE_BADLY_FORMED"},
        {"{\"a\":\"op\",\"c\":\"docs\",\"d\":\"e\",\"v\":1,\"seq\":9,\"op\":[{\"insert\":\"" + "x".repeat(1_100_000) + "\"}]}", "ERR_MESSAGE_TOO_LARGE"},
      };
      for (String[] bad : cases) {
        client.send(bad[0]);
        ObjectNode reply = client.next(m -> m.has("error"), bad[0].substring(0, Math.min(80, bad[0].length())));
        assertThat(reply.path("error").path("code").asText()).as("reply to %s", bad[0].substring(0, Math.min(80, bad[0].length()))).isEqualTo(bad[1]);
        assertThat(reply.path("error").path("message").asText()).isNotBlank();
        client.send("{\"a\":\"pp\"}");
        assertThat(client.next(m -> is(m, "pp"))).isNotNull();
      }
      client.send("{\"a\":\"f\",\"c\":\"docs\",\"d\":\"e\"}");
      ObjectNode fetched = client.next(m -> is(m, "f"));
      assertThat(fetched.path("data").path("v").asLong()).as("nothing applied").isEqualTo(1);
    }
  }

  @Test
  @DisplayName("presence reaches the channel, moves with ops, and leaves when its connection closes")
  void presence(Vertx vertx) throws Exception {
    try (WireClient watcher = WireClient.handshaken(vertx, port)) {
      WireClient typist = WireClient.handshaken(vertx, port);
      create(typist, "p", "0123456789", 1);
      watcher.send("{\"a\":\"ps\",\"ch\":\"docs.p\",\"seq\":1}");
      watcher.next(m -> is(m, "ps"));
      typist.send("{\"a\":\"p\",\"ch\":\"docs.p\",\"id\":\"caret\",\"p\":{\"index\":5,\"length\":2},\"pv\":0,"
          + "\"c\":\"docs\",\"d\":\"p\",\"v\":1,\"t\":\"http://sharejs.org/types/rich-text/v1\"}");
      ObjectNode seen = watcher.next(m -> is(m, "p"));
      assertThat(seen.path("p").path("index").asInt()).isEqualTo(5);
      assertThat(seen.path("src").asText()).isEqualTo(typist.src);

      // An op at version 1 inserting before the range; a presence still at version 1 is moved by it.
      typist.send("{\"a\":\"op\",\"c\":\"docs\",\"d\":\"p\",\"v\":1,\"seq\":2,\"op\":[{\"insert\":\"abc\"}]}");
      typist.next(m -> is(m, "op") && m.path("seq").asLong() == 2);
      typist.send("{\"a\":\"p\",\"ch\":\"docs.p\",\"id\":\"caret\",\"p\":{\"index\":5,\"length\":2},\"pv\":1,"
          + "\"c\":\"docs\",\"d\":\"p\",\"v\":1,\"t\":\"http://sharejs.org/types/rich-text/v1\"}");
      ObjectNode moved = watcher.next(m -> is(m, "p") && m.path("pv").asInt() == 1);
      assertThat(moved.path("p").path("index").asInt()).isEqualTo(8);
      assertThat(moved.path("v").asLong()).isEqualTo(2);

      typist.close();
      ObjectNode left = watcher.next(m -> is(m, "p") && m.path("p").isNull());
      assertThat(left.path("id").asText()).isEqualTo("caret");
    }
  }

  @Test
  @DisplayName("nf gives the document as it was at an earlier version")
  void snapshotAtVersion(Vertx vertx) throws Exception {
    try (WireClient client = WireClient.handshaken(vertx, port)) {
      create(client, "h", "a", 1);
      for (int seq = 2; seq <= 4; seq++) {
        client.send("{\"a\":\"op\",\"c\":\"docs\",\"d\":\"h\",\"v\":" + (seq - 1) + ",\"seq\":" + seq
            + ",\"op\":[{\"insert\":\"" + seq + "\"}]}");
        client.next(m -> is(m, "op"));
      }
      client.send("{\"a\":\"nf\",\"id\":7,\"c\":\"docs\",\"d\":\"h\",\"v\":2}");
      ObjectNode old = client.next(m -> is(m, "nf"));
      assertThat(old.path("id").asInt()).isEqualTo(7);
      assertThat(old.path("v").asLong()).isEqualTo(2);
      assertThat(old.path("data").toString()).isEqualTo("{\"ops\":[{\"insert\":\"2a\"}]}");
      client.send("{\"a\":\"nf\",\"id\":8,\"c\":\"docs\",\"d\":\"h\",\"v\":99}");
      ObjectNode tooNew = client.next(m -> is(m, "nf"));
      assertThat(tooNew.path("error").path("code").asText()).isEqualTo("ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT");
    }
  }
}
