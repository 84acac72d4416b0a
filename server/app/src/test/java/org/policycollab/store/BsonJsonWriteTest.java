package org.policycollab.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.policycollab.json.Json;

class BsonJsonWriteTest {
  private static JsonNode randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 6 : 8);
    return switch (kind) {
      case 0 -> Json.object().textNode("ä😀" + random.nextInt(100));
      case 1 -> Json.object().booleanNode(random.nextBoolean());
      case 2 -> Json.object().nullNode();
      case 3 -> Json.object().numberNode(random.nextInt());
      case 4 -> Json.object().numberNode(random.nextLong() >> random.nextInt(64));
      case 5 -> Json.object().numberNode(random.nextBoolean() ? random.nextDouble() * 1e6 : Math.rint(random.nextDouble() * 1e15));
      case 6 -> {
        var array = Json.array();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(randomValue(random, depth + 1));
        }
        yield array;
      }
      default -> {
        var object = Json.object();
        for (int i = random.nextInt(4); i > 0; i--) {
          object.set("k" + i, randomValue(random, depth + 1));
        }
        yield object;
      }
    };
  }

  @Test
  @DisplayName("writing JSON straight to BSON gives exactly the values the tree conversion builds")
  void streamingEqualsTree() {
    Random random = new Random(7);
    for (int run = 0; run < 2_000; run++) {
      JsonNode value = randomValue(random, 0);
      BasicOutputBuffer buffer = new BasicOutputBuffer();
      try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
        writer.writeStartDocument();
        writer.writeName("x");
        BsonJson.write(writer, value);
        writer.writeEndDocument();
      }
      BsonDocument written = new RawBsonDocument(buffer.toByteArray());
      assertThat(written.get("x")).as(value.toString()).isEqualTo(BsonJson.toBson(value));
    }
  }
}
