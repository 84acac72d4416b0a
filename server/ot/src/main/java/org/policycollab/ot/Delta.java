package org.policycollab.ot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A rich-text document or a change to one, as a list of {@link Op}s: quill-delta 4.2.2, which ShareDB's
 * {@code rich-text} type and every browser run, ported so that each result is identical.
 *
 * <p>Immutable. Built only by {@link Builder}, which keeps ops canonical (neighbours with equal
 * attributes merge, an insert goes before an adjacent delete, a trailing plain retain is chopped), so two
 * equal documents are equal objects.
 *
 * <h2>Transform direction</h2>
 *
 * {@code a.transform(b, priority)} returns {@code b'}, which applies after {@code a}; {@code priority}
 * true means {@code a} came first, so at the same index {@code a}'s insert goes first and its attributes
 * win. A server that has committed {@code serverOp} rebases an incoming {@code clientOp} with
 * {@code serverOp.transform(clientOp, true)}: the committed op wins ties.
 *
 * <pre>
 *          base
 *    a    /    \    b
 *        v      v
 *        .      .
 *  b' =   \    /   = a'     b' = a.transform(b, p), a' = b.transform(a, !p)
 *          v  v
 *        converged
 * </pre>
 */
public final class Delta {
  public static final Delta EMPTY = new Delta(List.of());

  private final List<Op> ops;

  private Delta(List<Op> ops) {
    this.ops = ops;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A document holding {@code text} without formatting. */
  public static Delta text(String text) {
    return builder().insert(text).build();
  }

  public List<Op> ops() {
    return ops;
  }

  /** Total length of all ops in UTF-16 code units; for a document, its length. */
  public int length() {
    long length = 0;
    for (Op op : ops) {
      length += op.length();
    }
    return Math.toIntExact(length);
  }

  /** How much this op changes a document's length. */
  public int changeLength() {
    int change = 0;
    for (Op op : ops) {
      if (op instanceof Insert) {
        change += op.length();
      } else if (op instanceof Delete) {
        change -= op.length();
      }
    }
    return change;
  }

  /** Whether this is a document: inserts only. */
  public boolean isDocument() {
    for (Op op : ops) {
      if (!(op instanceof Insert)) {
        return false;
      }
    }
    return true;
  }

  /** {@code this} then {@code other}; applying an op to a document is {@code document.compose(op)}. */
  public Delta compose(Delta other) {
    return Composition.compose(this, other);
  }

  /**
   * {@code other} rebased to apply after {@code this}; see the class comment for {@code priority}.
   */
  public Delta transform(Delta other, boolean priority) {
    OpIterator thisIter = new OpIterator(ops);
    OpIterator otherIter = new OpIterator(other.ops);
    Builder delta = new Builder();
    while (thisIter.hasNext() || otherIter.hasNext()) {
      if (thisIter.peekIsInsert() && (priority || !otherIter.peekIsInsert())) {
        delta.retain(thisIter.next().length());
      } else if (otherIter.peekIsInsert()) {
        delta.push(otherIter.next());
      } else {
        int length = Math.min(thisIter.peekLength(), otherIter.peekLength());
        Op thisOp = thisIter.next(length);
        Op otherOp = otherIter.next(length);
        // Where we delete, their delete is redundant and their retain has nothing left to keep.
        if (!(thisOp instanceof Delete)) {
          if (otherOp instanceof Delete) {
            delta.push(otherOp);
          } else {
            // We retain either their retain or their insert.
            delta.retain(
                length,
                Attributes.transform(thisOp.attributes(), otherOp.attributes(), priority));
          }
        }
      }
    }
    return delta.chop().build();
  }

  /**
   * Where {@code index} (a cursor) moves when this op applies. An insert exactly at the cursor leaves
   * it in front with {@code priority} and moves it past the insert without.
   */
  public int transformPosition(int index, boolean priority) {
    OpIterator iter = new OpIterator(ops);
    int offset = 0;
    while (iter.hasNext() && offset <= index) {
      int length = iter.peekLength();
      boolean insert = iter.peekIsInsert();
      boolean delete = iter.peekIsDelete();
      iter.next();
      if (delete) {
        index -= Math.min(length, index - offset);
        continue;
      } else if (insert && (offset < index || !priority)) {
        index += length;
      }
      offset += length;
    }
    return index;
  }

  /** The op that undoes this one, given the document {@code base} it applied to. */
  public Delta invert(Delta base) {
    Builder inverted = new Builder();
    int baseIndex = 0;
    for (Op op : ops) {
      if (op instanceof Insert) {
        inverted.delete(op.length());
      } else if (op instanceof Retain && op.attributes().isEmpty()) {
        inverted.retain(op.length());
        baseIndex += op.length();
      } else {
        for (Op baseOp : base.slice(baseIndex, baseIndex + op.length()).ops) {
          if (op instanceof Delete) {
            inverted.push(baseOp);
          } else {
            inverted.retain(
                baseOp.length(), Attributes.invert(op.attributes(), baseOp.attributes()));
          }
        }
        baseIndex += op.length();
      }
    }
    return inverted.chop().build();
  }

  /**
   * An op turning this document into {@code other}: {@code this.compose(this.diff(other))} equals
   * {@code other}. Both must be documents.
   */
  public Delta diff(Delta other) {
    return DocumentDiff.diff(this, other);
  }

  /**
   * The ops covering {@code [start, end)}. Like quill-delta, a trailing plain retain is kept: a slice of
   * an op is a piece of a bigger op, and {@code a.slice(0, k).concat(a.slice(k))} must give {@code a}.
   */
  public Delta slice(int start, int end) {
    List<Op> sliced = new ArrayList<>();
    OpIterator iter = new OpIterator(ops);
    int index = 0;
    while (index < end && iter.hasNext()) {
      Op next;
      if (index < start) {
        next = iter.next(start - index);
      } else {
        next = iter.next(end - index);
        sliced.add(next);
      }
      index += next.length();
    }
    return new Delta(List.copyOf(sliced));
  }

  public Delta slice(int start) {
    return slice(start, OpIterator.INFINITY);
  }

  /** This followed by {@code other}, merging at the seam. */
  public Delta concat(Delta other) {
    return new Builder(ops).appendRest(other.ops).buildUnchopped();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Delta that && ops.equals(that.ops);
  }

  @Override
  public int hashCode() {
    return ops.hashCode();
  }

  @Override
  public String toString() {
    return "Delta" + ops;
  }

  /**
   * Builds canonical deltas with quill-delta's {@code push} rules. Not thread-safe; one use per delta.
   */
  public static final class Builder {
    private final ArrayList<Op> ops;

    private Builder() {
      this.ops = new ArrayList<>();
    }

    private Builder(List<Op> start) {
      this.ops = new ArrayList<>(start);
    }

    public Builder insert(String text) {
      return insert(text, Attributes.NONE);
    }

    public Builder insert(String text, Attributes attributes) {
      return text.isEmpty() ? this : push(new TextInsert(text, attributes));
    }

    public Builder insertEmbed(ObjectNode embed, Attributes attributes) {
      return push(new EmbedInsert(embed, attributes));
    }

    public Builder retain(int length) {
      return retain(length, Attributes.NONE);
    }

    public Builder retain(int length, Attributes attributes) {
      return length <= 0 ? this : push(new Retain(length, attributes));
    }

    public Builder delete(int length) {
      return length <= 0 ? this : push(new Delete(length));
    }

    /** Appends {@code op}, merging it into its neighbour where quill-delta would. */
    public Builder push(Op op) {
      int index = ops.size();
      Op last = index > 0 ? ops.get(index - 1) : null;
      if (last != null) {
        if (op instanceof Delete && last instanceof Delete) {
          ops.set(index - 1, new Delete(last.length() + op.length()));
          return this;
        }
        // Inserting before or after a delete at the same index is the same change; always insert
        // first, so that equal changes have one form.
        if (last instanceof Delete && op instanceof Insert) {
          index -= 1;
          last = index > 0 ? ops.get(index - 1) : null;
          if (last == null) {
            ops.add(0, op);
            return this;
          }
        }
        if (op.attributes().equals(last.attributes())) {
          if (op instanceof TextInsert text && last instanceof TextInsert lastText) {
            ops.set(index - 1, new TextInsert(lastText.text() + text.text(), op.attributes()));
            return this;
          } else if (op instanceof Retain && last instanceof Retain) {
            ops.set(index - 1, new Retain(last.length() + op.length(), op.attributes()));
            return this;
          }
        }
      }
      ops.add(index, op);
      return this;
    }

    /** Drops a trailing retain without attributes: it changes nothing. */
    public Builder chop() {
      if (!ops.isEmpty()) {
        Op last = ops.get(ops.size() - 1);
        if (last instanceof Retain && last.attributes().isEmpty()) {
          ops.remove(ops.size() - 1);
        }
      }
      return this;
    }

    /** The canonical delta; a trailing plain retain is chopped. */
    public Delta build() {
      return chop().buildUnchopped();
    }

    Op last() {
      return ops.isEmpty() ? null : ops.get(ops.size() - 1);
    }

    /** Appends without merging, as quill-delta does when copying ops that are already canonical. */
    void append(Op op) {
      ops.add(op);
    }

    /** Appends ops that are canonical among themselves: only the first can merge. */
    Builder appendRest(List<Op> rest) {
      if (!rest.isEmpty()) {
        push(rest.get(0));
        ops.addAll(rest.subList(1, rest.size()));
      }
      return this;
    }

    /** The delta as pushed, a trailing plain retain kept: a piece of an op, as a slice. */
    public Delta buildUnchopped() {
      return ops.isEmpty() ? EMPTY : new Delta(List.copyOf(ops));
    }
  }
}
