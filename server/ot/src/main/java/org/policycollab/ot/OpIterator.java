package org.policycollab.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks a list of ops in pieces of any length, splitting ops as needed: quill-delta's {@code Iterator},
 * so that compose and transform are each one loop. Past the end it yields an endless plain retain, which
 * is how "the rest of the document, unchanged" reads.
 */
final class OpIterator {
  /** quill-delta's {@code Infinity}: the length of the endless retain past the end. */
  static final int INFINITY = Integer.MAX_VALUE;

  private final List<Op> ops;
  private int index;
  private int offset;

  OpIterator(List<Op> ops) {
    this.ops = ops;
  }

  boolean hasNext() {
    return peekLength() < INFINITY;
  }

  /** The rest of the current op. */
  Op next() {
    return next(INFINITY);
  }

  /** At most {@code length} units of the current op. */
  Op next(int length) {
    if (index >= ops.size()) {
      return new Retain(INFINITY);
    }
    Op op = ops.get(index);
    int start = offset;
    int remaining = op.length() - start;
    if (length >= remaining) {
      length = remaining;
      index++;
      offset = 0;
    } else {
      offset += length;
    }
    if (start == 0 && length == op.length()) {
      return op;
    }
    if (op instanceof TextInsert insert) {
      return new TextInsert(insert.text().substring(start, start + length), insert.attributes());
    } else if (op instanceof Retain) {
      return new Retain(length, op.attributes());
    } else if (op instanceof Delete) {
      return new Delete(length);
    }
    throw new IllegalStateException("an embed has length 1 and cannot be split");
  }

  Op peek() {
    return index < ops.size() ? ops.get(index) : null;
  }

  int peekLength() {
    return index < ops.size() ? ops.get(index).length() - offset : INFINITY;
  }

  boolean peekIsInsert() {
    return index < ops.size() && ops.get(index) instanceof Insert;
  }

  boolean peekIsDelete() {
    return index < ops.size() && ops.get(index) instanceof Delete;
  }

  /** What is left, the current op cut at the current offset; the iterator does not move. */
  List<Op> rest() {
    List<Op> rest = new ArrayList<>(ops.size() - index + 1);
    if (!hasNext()) {
      return rest;
    }
    int savedIndex = index;
    int savedOffset = offset;
    rest.add(next());
    rest.addAll(ops.subList(index, ops.size()));
    index = savedIndex;
    offset = savedOffset;
    return rest;
  }
}
