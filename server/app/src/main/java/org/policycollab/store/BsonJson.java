package org.policycollab.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.policycollab.ot.JsonValues;

/**
 * JSON values to and from BSON the way the Node driver behind sharedb-mongo does it, so that both
 * servers can share one database: a JavaScript number is stored as int32 when it fits, else as a double.
 * Read back, every integer a JavaScript number holds exactly becomes a {@link LongNode}, the canonical
 * form of {@link JsonValues#normalize}.
 */
final class BsonJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BsonJson() {}

  static BsonValue toBson(JsonNode json) {
    return switch (json.getNodeType()) {
      case OBJECT -> toBsonDocument(json);
      case ARRAY -> {
        BsonArray array = new BsonArray();
        for (JsonNode element : json) {
          array.add(toBson(element));
        }
        yield array;
      }
      case STRING -> new BsonString(json.textValue());
      case BOOLEAN -> BsonBoolean.valueOf(json.booleanValue());
      case NULL -> BsonNull.VALUE;
      case NUMBER ->
          json.isIntegralNumber() && json.canConvertToLong()
              ? number(json.longValue())
              : number(json.doubleValue());
      default -> throw new IllegalArgumentException("not storable as BSON: " + json.getNodeType());
    };
  }

  /**
   * Writes {@code json} as the next value of {@code writer}, exactly as {@link #toBson} would build it,
   * without building the tree first: for documents written once and sent (the ops of a commit).
   */
  static void write(BsonWriter writer, JsonNode json) {
    switch (json.getNodeType()) {
      case OBJECT -> {
        writer.writeStartDocument();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          writer.writeName(field.getKey());
          write(writer, field.getValue());
        }
        writer.writeEndDocument();
      }
      case ARRAY -> {
        writer.writeStartArray();
        for (JsonNode element : json) {
          write(writer, element);
        }
        writer.writeEndArray();
      }
      case STRING -> writer.writeString(json.textValue());
      case BOOLEAN -> writer.writeBoolean(json.booleanValue());
      case NULL -> writer.writeNull();
      case NUMBER ->
          writeNumber(
              writer,
              json.isIntegralNumber() && json.canConvertToLong()
                  ? number(json.longValue())
                  : number(json.doubleValue()));
      default -> throw new IllegalArgumentException("not storable as BSON: " + json.getNodeType());
    }
  }

  /** Writes a number made by {@link #number(long)} or {@link #number(double)}. */
  static void writeNumber(BsonWriter writer, BsonValue number) {
    switch (number.getBsonType()) {
      case INT32 -> writer.writeInt32(number.asInt32().getValue());
      case INT64 -> writer.writeInt64(number.asInt64().getValue());
      case DOUBLE -> writer.writeDouble(number.asDouble().getValue());
      default -> throw new IllegalArgumentException("not a number: " + number.getBsonType());
    }
  }

  static BsonDocument toBsonDocument(JsonNode object) {
    BsonDocument document = new BsonDocument();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      document.append(field.getKey(), toBson(field.getValue()));
    }
    return document;
  }

  static BsonValue number(long value) {
    if (value == (int) value) {
      return new BsonInt32((int) value);
    }
    // Beyond 2^53 a double would round: int64 keeps the value (the Node driver reads it as a Number).
    return Math.abs(value) <= JsonValues.MAX_SAFE_INTEGER
        ? new BsonDouble((double) value)
        : new BsonInt64(value);
  }

  static BsonValue number(double value) {
    if (value == Math.rint(value) && Math.abs(value) <= JsonValues.MAX_SAFE_INTEGER) {
      return number((long) value);
    }
    return new BsonDouble(value);
  }

  static JsonNode toJson(BsonValue bson) {
    return switch (bson.getBsonType()) {
      case DOCUMENT -> {
        ObjectNode object = NODES.objectNode();
        bson.asDocument().forEach((key, value) -> object.set(key, toJson(value)));
        yield object;
      }
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        bson.asArray().forEach(element -> array.add(toJson(element)));
        yield array;
      }
      case STRING -> NODES.textNode(bson.asString().getValue());
      case BOOLEAN -> NODES.booleanNode(bson.asBoolean().getValue());
      case NULL, UNDEFINED -> NODES.nullNode();
      case INT32, INT64, DOUBLE, DECIMAL128 -> jsonNumber(bson);
      // Not written by either server; mapped as the Node driver's JSON.stringify would show them.
      case OBJECT_ID -> NODES.textNode(bson.asObjectId().getValue().toHexString());
      case DATE_TIME -> LongNode.valueOf(bson.asDateTime().getValue());
      default -> NODES.textNode(bson.toString());
    };
  }

  private static JsonNode jsonNumber(BsonValue number) {
    if (number.isInt32() || number.isInt64()) {
      long value = number.asNumber().longValue();
      return Math.abs(value) <= JsonValues.MAX_SAFE_INTEGER
          ? LongNode.valueOf(value)
          : DoubleNode.valueOf((double) value);
    }
    double value = number.asNumber().doubleValue();
    return value == Math.rint(value) && Math.abs(value) <= JsonValues.MAX_SAFE_INTEGER
        ? LongNode.valueOf((long) value)
        : DoubleNode.valueOf(value);
  }

  /** A number field the layout defines as an integer ({@code v}, {@code seq}, timestamps). */
  static long longValue(BsonDocument document, String key) {
    BsonValue value = document.get(key);
    return value != null && value.isNumber() ? value.asNumber().longValue() : 0;
  }

  static String stringValue(BsonDocument document, String key) {
    BsonValue value = document.get(key);
    return value != null && value.isString() ? value.asString().getValue() : null;
  }

  static BsonDocument documentValue(BsonDocument document, String key) {
    BsonValue value = document.get(key);
    return value != null && value.isDocument() ? value.asDocument() : null;
  }
}
