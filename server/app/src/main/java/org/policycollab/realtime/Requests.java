package org.policycollab.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.policycollab.document.DocumentIds;
import org.policycollab.document.ErrorCode;

/** Reading and checking the fields of client messages; every refusal names what was wrong. */
final class Requests {
  /** The one collection this server keeps, in the rich-text type. */
  static final String COLLECTION = "docs";


  private Requests() {}

  static String collection(ObjectNode message) {
    JsonNode c = message.get("c");
    if (c == null || !c.isTextual() || c.textValue().isEmpty()) {
      throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "Invalid collection");
    }
    if (!COLLECTION.equals(c.textValue())) {
      throw new ProtocolException(
          ErrorCode.COLLECTION_NOT_SUPPORTED, "collection '" + abbreviate(c.textValue()) + "' is not served; use 'docs'");
    }
    return COLLECTION;
  }

  static String docId(JsonNode d) {
    if (d == null || !d.isTextual() || d.textValue().isEmpty()) {
      throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "Invalid id");
    }
    String id = d.textValue();
    if (!DocumentIds.valid(id)) {
      throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "Invalid id: at most " + DocumentIds.MAX_LENGTH + " printable characters");
    }
    return id;
  }

  /** A version: a non-negative integer, or -1 when absent or null. */
  static long version(JsonNode v) {
    if (v == null || v.isNull()) {
      return -1;
    }
    if (!v.isIntegralNumber() || v.asLong() < 0) {
      throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "Invalid version");
    }
    return v.asLong();
  }

  static long seq(JsonNode seq) {
    if (seq == null || !seq.isIntegralNumber() || seq.asLong() < 0) {
      throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "Invalid seq");
    }
    return seq.asLong();
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
