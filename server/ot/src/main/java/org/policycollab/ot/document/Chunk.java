package org.policycollab.ot.document;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.policycollab.ot.Attributes;
import org.policycollab.ot.Insert;
import org.policycollab.ot.TextInsert;

/**
 * A bounded piece of the document: a short list of runs (text or an embed, each with its attributes),
 * where neighbouring text runs with equal attributes are kept merged so that typing does not leave one
 * run per keystroke. Every edit here costs O(chunk length), which the owner keeps bounded.
 *
 * <p>Offsets cut text with {@link String#substring}, exactly as quill-delta's iterator does, so an op
 * that splits a surrogate pair splits it here too, and the halves join again when their attributes
 * match.
 */
final class Chunk {
  /**
   * The runs, and each run's length beside it: finding an offset scans only {@code lengths}, one small
   * array, instead of visiting every run object and its string, which in a large document are cold in
   * the cache.
   */
  private Insert[] runs = new Insert[8];

  private int[] lengths = new int[8];
  private int count;
  private int length;

  int length() {
    return length;
  }

  /** A read-only view of the runs. */
  List<Insert> runs() {
    return Collections.unmodifiableList(Arrays.asList(runs).subList(0, count));
  }

  /** Adds {@code run} at the end, joining it to the last run when they merge. */
  void append(Insert run) {
    add(count, run);
    length += run.length();
    mergeRange(count - 2, count - 1);
  }

  /** Moves all of {@code next}'s runs to the end of this chunk. */
  void appendAll(Chunk next) {
    int seam = count - 1;
    for (int i = 0; i < next.count; i++) {
      add(count, next.runs[i]);
    }
    length += next.length;
    mergeRange(seam, seam + 1);
  }

  void insert(int offset, Insert run) {
    int at = splitAt(offset);
    add(at, run);
    length += run.length();
    mergeRange(at - 1, at + 1);
  }

  /** Deletes up to {@code units} units from {@code offset}, stopping at the chunk's end; returns how many. */
  int delete(int offset, int units) {
    int removed = Math.min(units, length - offset);
    int from = splitAt(offset);
    int to = splitAt(offset + removed);
    remove(from, to);
    length -= removed;
    mergeRange(from - 1, from);
    return removed;
  }

  /**
   * Applies a retain's attributes to up to {@code units} units from {@code offset}, as quill-delta's
   * compose does over inserted text: {@code Attributes.compose(existing, retained, false)}. Returns how
   * many units it covered.
   */
  int format(int offset, int units, Attributes attributes) {
    int covered = Math.min(units, length - offset);
    int from = splitAt(offset);
    int to = splitAt(offset + covered);
    for (int i = from; i < to; i++) {
      Attributes composed = Attributes.compose(runs[i].attributes(), attributes, false);
      if (!composed.equals(runs[i].attributes())) {
        runs[i] = runs[i].withAttributes(composed);
      }
    }
    mergeRange(from - 1, to);
    return covered;
  }

  /** Hands the units {@code [from, to)} to {@code out}, cutting the runs at either end. */
  void write(int from, int to, RunWriter out) {
    int at = 0;
    for (int i = 0; i < count; i++) {
      Insert run = runs[i];
      int end = at + lengths[i];
      if (end > from) {
        if (at >= from && end <= to) {
          out.add(run);
        } else {
          TextInsert text = (TextInsert) run; // an embed has length 1 and is never cut
          out.add(
              new TextInsert(
                  text.text().substring(Math.max(from, at) - at, Math.min(to, end) - at),
                  text.attributes()));
        }
      }
      if (end >= to) {
        return;
      }
      at = end;
    }
  }

  /**
   * The index of the run starting at {@code offset}, cutting the text run that spans it in two. The two
   * pieces stay side by side; a later {@link #mergeRange} joins them again if nothing came between.
   */
  private int splitAt(int offset) {
    int at = 0;
    for (int i = 0; i < count; i++) {
      if (at == offset) {
        return i;
      }
      int end = at + lengths[i];
      if (offset < end) {
        TextInsert text = (TextInsert) runs[i]; // an embed has length 1, so offset == at above
        int cut = offset - at;
        runs[i] = new TextInsert(text.text().substring(0, cut), text.attributes());
        lengths[i] = cut;
        add(i + 1, new TextInsert(text.text().substring(cut), text.attributes()));
        return i + 1;
      }
      at = end;
    }
    return count;
  }

  /**
   * Merges every group of neighbouring text runs with equal attributes among runs {@code [from, to]}.
   * A group is joined with one {@link StringBuilder}, so formatting that unifies many small runs stays
   * linear in the chunk's length.
   */
  private void mergeRange(int from, int to) {
    int i = Math.max(from, 0);
    int last = Math.min(to, count - 1);
    while (i < last) {
      int end = i;
      while (end < last && mergeable(runs[end], runs[end + 1])) {
        end++;
      }
      if (end > i) {
        int units = 0;
        for (int j = i; j <= end; j++) {
          units += lengths[j];
        }
        StringBuilder text = new StringBuilder(units);
        for (int j = i; j <= end; j++) {
          text.append(((TextInsert) runs[j]).text());
        }
        runs[i] = new TextInsert(text.toString(), runs[i].attributes());
        lengths[i] = text.length();
        remove(i + 1, end + 1);
        last -= end - i;
      }
      i++;
    }
  }

  private void add(int index, Insert run) {
    if (count == runs.length) {
      runs = Arrays.copyOf(runs, count * 2);
      lengths = Arrays.copyOf(lengths, count * 2);
    }
    System.arraycopy(runs, index, runs, index + 1, count - index);
    System.arraycopy(lengths, index, lengths, index + 1, count - index);
    runs[index] = run;
    lengths[index] = run.length();
    count++;
  }

  /** Removes runs {@code [from, to)}. */
  private void remove(int from, int to) {
    System.arraycopy(runs, to, runs, from, count - to);
    System.arraycopy(lengths, to, lengths, from, count - to);
    Arrays.fill(runs, count - (to - from), count, null);
    count -= to - from;
  }

  private static boolean mergeable(Insert left, Insert right) {
    // Pieces of one split run share their Attributes object, which equals() recognises first, sparing
    // a visit to attribute maps that in a large document are mostly out of cache.
    return left instanceof TextInsert
        && right instanceof TextInsert
        && left.attributes().equals(right.attributes());
  }
}
