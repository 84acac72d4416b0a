package org.policycollab.ot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ShareDB's {@code rich-text} OT type (npm {@code rich-text} 4.1.0) over {@link Delta}. Mind the argument
 * order, which is the type's and not the Delta's: {@link #transform(Delta, Delta, Side)} rebases its
 * <em>first</em> argument.
 */
public final class RichText {
  public static final String NAME = "rich-text";
  public static final String URI = "http://sharejs.org/types/rich-text/v1";

  /** Which op wins a tie in {@link #transform}: {@code LEFT} gives the other op ({@code op2}) priority. */
  public enum Side {
    LEFT,
    RIGHT
  }

  private RichText() {}

  /** Whether {@code name} names this type, by short name or URI. */
  public static boolean isType(String name) {
    return NAME.equals(name) || URI.equals(name);
  }

  /** The initial document of a create; it must hold inserts only. */
  public static Delta create(Delta initial) {
    if (!initial.isDocument()) {
      throw new OtException("create data must contain only inserts");
    }
    return initial;
  }

  /**
   * The document after {@code op}. Unlike quill-delta, which would keep a retain past the end as part of
   * the document, an op that retains or deletes past the end is refused.
   */
  public static Delta apply(Delta snapshot, Delta op) {
    requireFits(op, snapshot.length());
    return snapshot.compose(op);
  }

  /**
   * Refuses an op whose retains and deletes reach past the end of a document of {@code documentLength}.
   */
  public static void requireFits(Delta op, int documentLength) {
    long consumed = 0;
    for (Op component : op.ops()) {
      if (!(component instanceof Insert)) {
        consumed += component.length();
      }
    }
    if (consumed > documentLength) {
      throw new OtException(
          "op retains or deletes "
              + consumed
              + " characters, past the end of the document of length "
              + documentLength);
    }
  }

  public static Delta compose(Delta op1, Delta op2) {
    return op1.compose(op2);
  }

  /**
   * {@code op1} rebased to apply after {@code op2}. The server, holding a committed op, rebases an
   * incoming one with {@code transform(incoming, committed, LEFT)}: the committed op wins ties.
   *
   * <pre>
   *        op2 (committed)
   *   doc ----------------> doc'
   *    |                     |
   *    | op1 (incoming)      | transform(op1, op2, LEFT)
   *    v                     v
   * </pre>
   */
  public static Delta transform(Delta op1, Delta op2, Side side) {
    return op2.transform(op1, side == Side.LEFT);
  }

  /** Where a cursor moves when {@code op} applies; the author's own insert pushes their cursor on. */
  public static int transformCursor(int cursor, Delta op, boolean isOwnOp) {
    return op.transformPosition(cursor, !isOwnOp);
  }

  /**
   * A presence range ({@code {"index":i,"length":l,...}}) moved by {@code op}; other fields are kept.
   * {@code null} (no presence) stays {@code null}.
   *
   * @throws OtException when the range lacks integer {@code index} and {@code length}
   */
  public static ObjectNode transformPresence(JsonNode range, Delta op, boolean isOwnOp) {
    if (range == null || range.isNull()) {
      return null;
    }
    JsonNode index = range.get("index");
    JsonNode length = range.get("length");
    if (!range.isObject() || !isInt(index) || !isInt(length)) {
      throw new OtException("a presence range needs integer index and length");
    }
    int start = transformCursor(index.intValue(), op, isOwnOp);
    int end = transformCursor(index.intValue() + length.intValue(), op, isOwnOp);
    ObjectNode moved = ((ObjectNode) range).deepCopy();
    moved.put("index", start);
    moved.put("length", end - start);
    return moved;
  }

  /** JavaScript has one number type: {@code 3.0} is the integer 3. */
  private static boolean isInt(JsonNode value) {
    if (value == null || !value.isNumber()) {
      return false;
    }
    double number = value.doubleValue();
    return number == Math.rint(number) && Math.abs(number) <= Integer.MAX_VALUE;
  }
}
