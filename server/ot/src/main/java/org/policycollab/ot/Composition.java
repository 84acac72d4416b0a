package org.policycollab.ot;


/** {@link Delta#compose}: quill-delta 4.2.2's algorithm, step for step, so results are identical. */
final class Composition {
  private Composition() {}

  static Delta compose(Delta first, Delta second) {
    OpIterator thisIter = new OpIterator(first.ops());
    OpIterator otherIter = new OpIterator(second.ops());
    Delta.Builder delta = Delta.builder();
    copyLeadingInserts(thisIter, otherIter, delta);
    while (thisIter.hasNext() || otherIter.hasNext()) {
      if (otherIter.peekIsInsert()) {
        delta.push(otherIter.next());
      } else if (thisIter.peekIsDelete()) {
        delta.push(thisIter.next());
      } else {
        int length = Math.min(thisIter.peekLength(), otherIter.peekLength());
        Op thisOp = thisIter.next(length);
        Op otherOp = otherIter.next(length);
        if (otherOp instanceof Retain) {
          Op composed = retained(thisOp, otherOp, length);
          delta.push(composed);
          // Only a plain retain of the rest is left in `second`: the rest of `first` stays as it is.
          if (!otherIter.hasNext() && composed.equals(delta.last())) {
            delta.appendRest(thisIter.rest());
            return delta.build();
          }
        } else if (otherOp instanceof Delete && thisOp instanceof Retain) {
          delta.push(otherOp);
        }
        // Otherwise `second` deletes what `first` inserted: the two cancel out.
      }
    }
    return delta.build();
  }

  /**
   * A leading plain retain in {@code second} keeps {@code first}'s leading inserts untouched; copy them
   * as they are instead of splitting and merging them again.
   */
  private static void copyLeadingInserts(
      OpIterator thisIter, OpIterator otherIter, Delta.Builder delta) {
    Op firstOther = otherIter.peek();
    if (firstOther instanceof Retain && firstOther.attributes().isEmpty()) {
      int left = firstOther.length();
      while (thisIter.peekIsInsert() && thisIter.peekLength() <= left) {
        left -= thisIter.peekLength();
        delta.append(thisIter.next());
      }
      if (firstOther.length() - left > 0) {
        otherIter.next(firstOther.length() - left);
      }
    }
  }

  /** {@code thisOp} (an insert or a retain) kept by the retain {@code otherOp}. */
  private static Op retained(Op thisOp, Op otherOp, int length) {
    boolean overRetain = thisOp instanceof Retain;
    // A removal composed over a retain stays a removal; over an insert there is nothing to remove.
    Attributes attributes =
        Attributes.compose(thisOp.attributes(), otherOp.attributes(), overRetain);
    if (overRetain) {
      return new Retain(length, attributes);
    }
    return ((Insert) thisOp).withAttributes(attributes);
  }
}
