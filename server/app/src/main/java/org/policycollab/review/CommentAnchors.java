package org.policycollab.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policycollab.ot.Insert;
import org.policycollab.ot.Op;
import org.policycollab.ot.document.RichTextDocument;

/** Where each thread's passage is now: the runs of text carrying its anchor attribute. */
public final class CommentAnchors {
  /** A run of anchored text. */
  public record Range(int index, int length) {}

  private CommentAnchors() {}

  /** Thread id to its ranges, in document order; a thread missing here is detached. */
  public static Map<String, List<Range>> in(RichTextDocument document) {
    Map<String, List<Range>> anchors = new LinkedHashMap<>();
    int index = 0;
    for (Op op : document.toDelta().ops()) {
      Insert insert = (Insert) op;
      for (String name : insert.attributes().names()) {
        if (name.startsWith(CommentThread.ANCHOR_PREFIX) && !insert.attributes().get(name).isNull()) {
          List<Range> ranges = anchors.computeIfAbsent(name.substring(CommentThread.ANCHOR_PREFIX.length()), id -> new ArrayList<>());
          Range last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
          if (last != null && last.index() + last.length() == index) {
            ranges.set(ranges.size() - 1, new Range(last.index(), last.length() + insert.length()));
          } else {
            ranges.add(new Range(index, insert.length()));
          }
        }
      }
      index += insert.length();
    }
    return anchors;
  }
}
