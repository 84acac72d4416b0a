package org.policycollab.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Random;
import java.util.UUID;

/** The rich-text ops and texts the workloads send, in canonical form (never a {@code retain} of 0). */
final class Edits {
  private static final String[] WORDS = {
    "policy", "member", "states", "should", "ensure", "access", "to", "the", "data", "and", "review",
    "of", "public", "funding", "for", "research", "partners", "recommend", "a", "common", "framework",
  };

  private Edits() {}

  /** Replaces {@code deleted} characters at {@code position} by {@code inserted}: inserts go first. */
  static ArrayNode replace(int position, int deleted, String inserted) {
    ArrayNode op = JsonNodeFactory.instance.arrayNode();
    if (position > 0) {
      op.addObject().put("retain", position);
    }
    if (!inserted.isEmpty()) {
      op.addObject().put("insert", inserted);
    }
    if (deleted > 0) {
      op.addObject().put("delete", deleted);
    }
    return op;
  }

  static ArrayNode insert(int position, String text) {
    return replace(position, 0, text);
  }

  /**
   * A short insert somewhere before the last character of a document that was {@code originalLength}
   * long: documents here only grow, so that position stays valid whatever committed meanwhile, and the
   * server's transform is all the client needs.
   */
  static ArrayNode insertWithin(int originalLength, Random random) {
    return insert(random.nextInt(Math.max(1, originalLength - 1)), WORDS[random.nextInt(WORDS.length)] + " ");
  }

  /** Prose of exactly {@code length} characters, in lines of about 80, ending with a newline. */
  static String prose(int length, Random random) {
    StringBuilder text = new StringBuilder(length + 16);
    int lineStart = 0;
    while (text.length() < length - 1) {
      if (text.length() - lineStart > 80) {
        text.append('\n');
        lineStart = text.length();
      } else {
        text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      }
    }
    text.setLength(Math.max(0, length - 1));
    return text.append('\n').toString();
  }

  /** A document id no earlier run used: {@code prefix-} and random letters. */
  static String freshDocId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
