package org.policycollab.ot;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Delta#diff}: quill-delta's approach (diff the two documents as plain strings, an embed standing
 * as one NUL character, then walk both documents along the string diff) with a Myers diff over code
 * points, so a change never cuts a surrogate pair in two. The result may differ from fast-diff's; any
 * correct diff will do.
 */
final class DocumentDiff {
  private static final char EMBED_PLACEHOLDER = '\0';

  private enum Kind {
    EQUAL,
    INSERT,
    DELETE
  }

  /** A run of the string diff, its length in UTF-16 code units. */
  private record Segment(Kind kind, int length) {}

  private DocumentDiff() {}

  static Delta diff(Delta from, Delta to) {
    String fromText = flatten(from, "with");
    String toText = flatten(to, "on");
    OpIterator fromIter = new OpIterator(from.ops());
    OpIterator toIter = new OpIterator(to.ops());
    Delta.Builder result = Delta.builder();
    for (Segment segment : segments(fromText, toText)) {
      int length = segment.length();
      while (length > 0) {
        int opLength;
        switch (segment.kind()) {
          case INSERT -> {
            opLength = Math.min(toIter.peekLength(), length);
            result.push(toIter.next(opLength));
          }
          case DELETE -> {
            opLength = Math.min(length, fromIter.peekLength());
            fromIter.next(opLength);
            result.delete(opLength);
          }
          default -> {
            opLength = Math.min(Math.min(fromIter.peekLength(), toIter.peekLength()), length);
            Op fromOp = fromIter.next(opLength);
            Op toOp = toIter.next(opLength);
            if (sameContent(fromOp, toOp) && canReformat(fromOp.attributes(), toOp.attributes())) {
              result.retain(opLength, Attributes.diff(fromOp.attributes(), toOp.attributes()));
            } else {
              result.push(toOp).delete(opLength);
            }
          }
        }
        length -= opLength;
      }
    }
    return result.build();
  }

  private static String flatten(Delta document, String preposition) {
    StringBuilder text = new StringBuilder(document.length());
    for (Op op : document.ops()) {
      if (op instanceof TextInsert insert) {
        text.append(insert.text());
      } else if (op instanceof EmbedInsert) {
        text.append(EMBED_PLACEHOLDER);
      } else {
        throw new OtException("diff() called " + preposition + " non-document");
      }
    }
    return text.toString();
  }

  private static boolean sameContent(Op a, Op b) {
    if (a instanceof TextInsert textA && b instanceof TextInsert textB) {
      return textA.text().equals(textB.text());
    }
    if (a instanceof EmbedInsert embedA && b instanceof EmbedInsert embedB) {
      return embedA.embed().equals(embedB.embed());
    }
    return false;
  }

  /**
   * Whether a retain can turn {@code from}'s formatting into {@code to}'s. A document may hold {@code
   * null} attribute values (quill keeps them on inserted text), but a {@code null} in a retain removes
   * instead of setting; such text is replaced instead (quill-delta's diff gets this case wrong).
   */
  private static boolean canReformat(Attributes from, Attributes to) {
    for (String name : to.names()) {
      if (to.asMap().get(name).isNull() && !(from.has(name) && from.asMap().get(name).isNull())) {
        return false;
      }
    }
    return true;
  }

  /** The string diff: common prefix and suffix cut off, Myers over the code points between. */
  private static List<Segment> segments(String from, String to) {
    int prefix = commonPrefix(from, to);
    int suffix = commonSuffix(from, to, prefix);
    List<Segment> segments = new ArrayList<>();
    add(segments, Kind.EQUAL, prefix);
    String fromMiddle = from.substring(prefix, from.length() - suffix);
    String toMiddle = to.substring(prefix, to.length() - suffix);
    if (fromMiddle.isEmpty() || toMiddle.isEmpty()) {
      add(segments, Kind.DELETE, fromMiddle.length());
      add(segments, Kind.INSERT, toMiddle.length());
    } else {
      middleSegments(fromMiddle, toMiddle, segments);
    }
    add(segments, Kind.EQUAL, suffix);
    return segments;
  }

  private static void middleSegments(String from, String to, List<Segment> segments) {
    List<Integer> fromPoints = from.codePoints().boxed().toList();
    List<Integer> toPoints = to.codePoints().boxed().toList();
    List<AbstractDelta<Integer>> changes =
        DiffUtils.diff(fromPoints, toPoints, new MyersDiffWithLinearSpace<Integer>()).getDeltas();
    int fromPoint = 0;
    int fromUnit = 0;
    int toUnit = 0;
    for (AbstractDelta<Integer> change : changes) {
      int equalPoints = change.getSource().getPosition() - fromPoint;
      int equalUnits = from.offsetByCodePoints(fromUnit, equalPoints) - fromUnit;
      add(segments, Kind.EQUAL, equalUnits);
      fromUnit += equalUnits;
      toUnit += equalUnits;
      int deleted = from.offsetByCodePoints(fromUnit, change.getSource().size()) - fromUnit;
      int inserted = to.offsetByCodePoints(toUnit, change.getTarget().size()) - toUnit;
      add(segments, Kind.DELETE, deleted);
      add(segments, Kind.INSERT, inserted);
      fromUnit += deleted;
      toUnit += inserted;
      fromPoint = change.getSource().getPosition() + change.getSource().size();
    }
    add(segments, Kind.EQUAL, from.length() - fromUnit);
  }

  private static void add(List<Segment> segments, Kind kind, int length) {
    if (length > 0) {
      segments.add(new Segment(kind, length));
    }
  }

  private static int commonPrefix(String a, String b) {
    int max = Math.min(a.length(), b.length());
    int length = 0;
    while (length < max && a.charAt(length) == b.charAt(length)) {
      length++;
    }
    // Never end inside a surrogate pair.
    if (length > 0 && Character.isHighSurrogate(a.charAt(length - 1))) {
      length--;
    }
    return length;
  }

  private static int commonSuffix(String a, String b, int prefix) {
    int max = Math.min(a.length(), b.length()) - prefix;
    int length = 0;
    while (length < max
        && a.charAt(a.length() - 1 - length) == b.charAt(b.length() - 1 - length)) {
      length++;
    }
    if (length > 0 && Character.isLowSurrogate(a.charAt(a.length() - length))) {
      length--;
    }
    return length;
  }
}
