package org.policycollab.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.policycollab.json.Json;

class JsonMessageCodecTest {
  private final JsonMessageCodec codec = new JsonMessageCodec();

  @Test
  @DisplayName("between nodes, a message travels as JSON and reads back equal, wherever it sits in the frame")
  void wireRoundTrip() {
    ObjectNode message = Json.object().put("action", "submit").put("d", "doc ä 😀").put("v", 41);
    message.putObject("op").putArray("ops").addObject().put("insert", "Grüße 🌍");
    Buffer frame = Buffer.buffer("header").appendInt(7);
    int position = frame.length();
    codec.encodeToWire(frame, message);
    frame.appendString("trailer");

    assertThat(codec.decodeFromWire(position, frame)).isEqualTo(message);
  }

  @Test
  @DisplayName("within a node, the message object itself is handed over")
  void localHandOver() {
    ObjectNode message = Json.object().put("action", "fetch");
    assertThat(codec.transform(message)).isSameAs(message);
  }
}
