package org.policycollab.ot;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Random documents and ops for property tests: text with Baltic and Nordic letters and emoji (surrogate
 * pairs, never cut), attributes with {@code null}, nested values and embeds.
 */
final class RandomDeltas {
  private static final String[] PIECES = {
    "a", "b", "c", "x", " ", " ", "\n", "ä", "õ", "š", "ž", "ł", "ą", "ė", "å", "ø", "æ", "ð", "Ü",
    "😀", "👍🏽", "🇪🇪", "中文"
  };
  private static final String[] NAMES = {"bold", "italic", "color", "link", "header", "suggestion"};
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Random random;

  RandomDeltas(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  String text(int maxPieces) {
    StringBuilder text = new StringBuilder();
    int pieces = 1 + random.nextInt(maxPieces);
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  Attributes attributes(boolean allowNull) {
    if (random.nextInt(3) == 0) {
      return Attributes.NONE;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    int count = 1 + random.nextInt(2);
    for (int i = 0; i < count; i++) {
      String name = NAMES[random.nextInt(NAMES.length)];
      values.put(name, value(allowNull));
    }
    Map<String, com.fasterxml.jackson.databind.JsonNode> json = new LinkedHashMap<>();
    values.forEach((name, value) -> json.put(name, toJson(value)));
    return Attributes.of(json);
  }

  private Object value(boolean allowNull) {
    return switch (random.nextInt(allowNull ? 6 : 5)) {
      case 0 -> true;
      case 1 -> "#c33";
      case 2 -> 1 + random.nextInt(3);
      case 3 -> 1.5;
      case 4 -> JSON.objectNode().put("id", "s" + random.nextInt(3)).put("author", "u1");
      default -> null;
    };
  }

  private static com.fasterxml.jackson.databind.JsonNode toJson(Object value) {
    if (value == null) {
      return JSON.nullNode();
    } else if (value instanceof com.fasterxml.jackson.databind.JsonNode node) {
      return node;
    } else if (value instanceof Boolean flag) {
      return JSON.booleanNode(flag);
    } else if (value instanceof Integer number) {
      return JSON.numberNode(number);
    } else if (value instanceof Double number) {
      return JSON.numberNode(number);
    }
    return JSON.textNode(value.toString());
  }

  ObjectNode embed() {
    return random.nextBoolean()
        ? JSON.objectNode().put("image", "https://example.org/" + random.nextInt(5) + ".png")
        : JSON.objectNode().put("formula", "e=mc^2");
  }

  Delta document() {
    Delta.Builder document = Delta.builder();
    int inserts = random.nextInt(6);
    for (int i = 0; i < inserts; i++) {
      if (random.nextInt(6) == 0) {
        document.insertEmbed(embed(), attributes(false));
      } else {
        document.insert(text(6), attributes(false));
      }
    }
    return document.build();
  }

  /** A random op that applies to {@code document}; it never cuts a surrogate pair. */
  Delta op(Delta document) {
    String flat = flatten(document);
    Delta.Builder op = Delta.builder();
    int position = 0;
    int steps = 1 + random.nextInt(5);
    for (int step = 0; step < steps; step++) {
      int kind = random.nextInt(4);
      if (kind == 0 || position >= flat.length()) {
        if (random.nextInt(8) == 0) {
          op.insertEmbed(embed(), attributes(true));
        } else {
          op.insert(text(3), attributes(true));
        }
        continue;
      }
      int length = codePointSpan(flat, position, 1 + random.nextInt(4));
      if (kind == 1) {
        op.delete(length);
      } else {
        op.retain(length, kind == 2 ? Attributes.NONE : attributes(true));
      }
      position += length;
    }
    return op.build();
  }

  /** The document as text, an embed as one NUL character: what lengths and indexes count. */
  static String flatten(Delta document) {
    StringBuilder text = new StringBuilder();
    for (Op op : document.ops()) {
      text.append(op instanceof TextInsert insert ? insert.text() : "\0");
    }
    return text.toString();
  }

  private static int codePointSpan(String text, int from, int codePoints) {
    int end = from;
    for (int i = 0; i < codePoints && end < text.length(); i++) {
      end += Character.charCount(text.codePointAt(end));
    }
    return end - from;
  }
}
