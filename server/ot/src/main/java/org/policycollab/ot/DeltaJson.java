package org.policycollab.ot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Deltas to and from JSON. Reads {@code [...]} and {@code {"ops":[...]}}; writes {@code {"ops":[...]}}.
 * Reading is strict, since ops come from clients: every malformed op is refused with a message naming
 * it, and what is read is canonical. A {@code null} attribute value ("remove") is kept both ways.
 */
public final class DeltaJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> OP_KEYS = Set.of("insert", "retain", "delete", "attributes");

  private DeltaJson() {}

  /** Parses JSON text. */
  public static Delta parse(String json) {
    try {
      return read(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new OtException("not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Reads a canonical delta from {@code [...]} or {@code {"ops":[...]}}. */
  public static Delta read(JsonNode json) {
    return readBuilder(json).build();
  }

  /**
   * Reads a piece of an op, as {@link Delta#slice} gives one: like {@link #read}, but a trailing plain
   * retain is kept, since the piece may be followed by more.
   */
  public static Delta readPiece(JsonNode json) {
    return readBuilder(json).buildUnchopped();
  }

  private static Delta.Builder readBuilder(JsonNode json) {
    JsonNode ops = json;
    if (json != null && json.isObject()) {
      ops = json.get("ops");
      for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!name.equals("ops")) {
          throw new OtException("unknown key '" + name + "' beside ops");
        }
      }
    }
    if (ops == null || !ops.isArray()) {
      throw new OtException("a delta must be an array of ops or an object with an ops array");
    }
    Delta.Builder delta = Delta.builder();
    for (int i = 0; i < ops.size(); i++) {
      delta.push(readOp(ops.get(i), i));
    }
    return delta;
  }

  private static Op readOp(JsonNode op, int index) {
    if (!op.isObject()) {
      throw error(index, "an op must be an object");
    }
    for (Iterator<String> names = op.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!OP_KEYS.contains(name)) {
        throw error(index, "unknown key '" + name + "'");
      }
    }
    int kinds = (op.has("insert") ? 1 : 0) + (op.has("retain") ? 1 : 0) + (op.has("delete") ? 1 : 0);
    if (kinds != 1) {
      throw error(index, "an op needs exactly one of insert, retain and delete");
    }
    if (op.has("delete")) {
      if (op.has("attributes")) {
        throw error(index, "a delete takes no attributes");
      }
      return new Delete(readLength(op.get("delete"), "delete", index));
    }
    Attributes attributes = readAttributes(op.get("attributes"), index);
    if (op.has("retain")) {
      return new Retain(readLength(op.get("retain"), "retain", index), attributes);
    }
    JsonNode insert = op.get("insert");
    if (insert.isTextual() && !insert.textValue().isEmpty()) {
      return new TextInsert(insert.textValue(), attributes);
    }
    if (insert.isObject() && !insert.isEmpty()) {
      return new EmbedInsert((ObjectNode) insert, attributes);
    }
    throw error(index, "insert must be a non-empty string or a non-empty embed object");
  }

  private static int readLength(JsonNode length, String kind, int index) {
    if (length.isNumber()) {
      double value = length.doubleValue();
      if (value >= 1 && value == Math.rint(value) && value < OpIterator.INFINITY) {
        return (int) value;
      }
    }
    throw error(index, kind + " must be a positive integer, got " + abbreviate(length));
  }

  private static Attributes readAttributes(JsonNode attributes, int index) {
    if (attributes == null) {
      return Attributes.NONE;
    }
    if (!attributes.isObject()) {
      throw error(index, "attributes must be an object, got " + abbreviate(attributes));
    }
    return Attributes.of(toMap(attributes));
  }

  private static Map<String, JsonNode> toMap(JsonNode object) {
    Map<String, JsonNode> values = new java.util.LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      values.put(field.getKey(), field.getValue());
    }
    return values;
  }

  private static OtException error(int index, String message) {
    return new OtException("op " + index + ": " + message);
  }

  private static String abbreviate(JsonNode value) {
    String text = value.toString();
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /** {@code {"ops":[...]}}. */
  public static ObjectNode write(Delta delta) {
    ObjectNode json = JsonValues.NODES.objectNode();
    json.set("ops", writeOps(delta));
    return json;
  }

  /** The ops array alone. */
  public static ArrayNode writeOps(Delta delta) {
    ArrayNode ops = JsonValues.NODES.arrayNode(delta.ops().size());
    for (Op op : delta.ops()) {
      ops.add(writeOp(op));
    }
    return ops;
  }

  private static ObjectNode writeOp(Op op) {
    ObjectNode json = JsonValues.NODES.objectNode();
    if (op instanceof TextInsert insert) {
      json.put("insert", insert.text());
    } else if (op instanceof EmbedInsert embed) {
      json.set("insert", embed.embed());
    } else if (op instanceof Retain) {
      json.put("retain", op.length());
    } else {
      json.put("delete", op.length());
    }
    if (!op.attributes().isEmpty()) {
      ObjectNode attributes = json.putObject("attributes");
      op.attributes().asMap().forEach((name, value) -> attributes.set(name, value.deepCopy()));
    }
    return json;
  }

  /** The JSON text of {@link #write}. */
  public static String toJson(Delta delta) {
    return write(delta).toString();
  }
}
