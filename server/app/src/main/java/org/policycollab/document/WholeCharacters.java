package org.policycollab.document;

import org.policycollab.ot.Delta;
import org.policycollab.ot.Op;
import org.policycollab.ot.TextInsert;
import org.policycollab.ot.document.RichTextDocument;

/**
 * Keeps every document well-formed UTF-16: no op may insert half a surrogate pair or begin or end
 * between the two halves of one (an emoji, most CJK extension characters). Such a half cannot be
 * written as UTF-8, so the store and every WebSocket frame would turn it into "?": the server's copy
 * would then differ from the clients'. Quill never splits a pair, and neither does anything built on
 * the stock client with care; the fuzzer did. Checked against the document the op applies to, after it
 * was transformed, so that concurrent edits cannot move a boundary into a pair.
 */
final class WholeCharacters {
  private WholeCharacters() {}

  /** Refuses {@code op} on {@code document} if it would split a character. */
  static void check(RichTextDocument document, Delta op) {
    int position = 0;
    requireBoundary(document, position);
    for (Op component : op.ops()) {
      if (component instanceof TextInsert insert) {
        requireWhole(insert.text());
      } else if (!(component instanceof org.policycollab.ot.Insert)) {
        position += component.length();
        requireBoundary(document, position);
      }
    }
  }

  /** Refuses a document's initial text if it holds half a pair. */
  static void check(Delta created) {
    for (Op component : created.ops()) {
      if (component instanceof TextInsert insert) {
        requireWhole(insert.text());
      }
    }
  }

  private static void requireBoundary(RichTextDocument document, int position) {
    if (position <= 0 || position >= document.length()) {
      return;
    }
    Delta around = document.slice(position - 1, position + 1);
    StringBuilder text = new StringBuilder(2);
    around.ops().forEach(piece -> text.append(piece instanceof TextInsert insert ? insert.text() : "\uFFFC"));
    if (text.length() == 2 && Character.isHighSurrogate(text.charAt(0)) && Character.isLowSurrogate(text.charAt(1))) {
      throw new DocumentException(ErrorCode.OT_OP_NOT_APPLIED,
          "the op would split a character (a surrogate pair) at position " + position + "; edit whole characters");
    }
  }

  private static void requireWhole(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new DocumentException(ErrorCode.OT_OP_BADLY_FORMED,
            "the text holds half a character (a lone surrogate at " + i + "); send whole characters");
      }
    }
  }
}
