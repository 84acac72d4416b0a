package org.policycollab.ot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON values as JavaScript sees them. quill-delta compares attributes and embeds with lodash's deep
 * {@code isEqual}, where {@code 1} and {@code 1.0} are the same number; Jackson's {@code IntNode(1)} and
 * {@code DoubleNode(1.0)} are not equal. Every value entering the OT core is normalized here, so that
 * {@link JsonNode#equals} means what {@code isEqual} means.
 */
public final class JsonValues {
  /** The largest integer a JavaScript number holds exactly (2^53 - 1). */
  public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonValues() {}

  /**
   * A deep copy of {@code value} with every number as a {@link LongNode} when it is an integer a
   * JavaScript number holds exactly, else as a {@link DoubleNode}.
   *
   * @throws OtException for values JSON cannot carry (binary, POJO, missing)
   */
  public static JsonNode normalize(JsonNode value) {
    return switch (value.getNodeType()) {
      case NUMBER -> normalizeNumber(value);
      case OBJECT -> {
        ObjectNode object = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          object.set(field.getKey(), normalize(field.getValue()));
        }
        yield object;
      }
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode(value.size());
        for (JsonNode element : value) {
          array.add(normalize(element));
        }
        yield array;
      }
      case STRING, BOOLEAN, NULL -> value;
      default -> throw new OtException("unsupported JSON value: " + value.getNodeType());
    };
  }

  private static JsonNode normalizeNumber(JsonNode number) {
    if (number.isIntegralNumber() && number.canConvertToLong()) {
      long exact = number.longValue();
      if (Math.abs(exact) <= MAX_SAFE_INTEGER) {
        return LongNode.valueOf(exact);
      }
    }
    double value = number.doubleValue();
    if (Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) <= MAX_SAFE_INTEGER) {
      return LongNode.valueOf((long) value);
    }
    return DoubleNode.valueOf(value);
  }

  /** A copy safe to hand out: value nodes are immutable, containers are copied. */
  static JsonNode readOnlyView(JsonNode value) {
    return value.isContainerNode() ? value.deepCopy() : value;
  }

  /**
   * JavaScript's {@code ===} on two JSON values, which quill-delta's {@code AttributeMap.invert} uses:
   * primitives compare by value, while two objects or arrays parsed from JSON are never the same object.
   * A {@code null} argument stands for {@code undefined}.
   */
  static boolean strictEquals(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    if (a.isContainerNode() || b.isContainerNode()) {
      return false;
    }
    return a.equals(b);
  }
}
