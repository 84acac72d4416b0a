package org.policycollab.document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The last committed ops of a document, kept in memory for transforming late submissions, dedup,
 * presence and catching subscribers up: versions {@code [base, base + size)}. Older ops are read from
 * the store when needed and prepended.
 */
final class RecentOps {
  /** Enough for a client that was offline for a while; older ones come from the store. */
  static final int KEEP = 2_000;

  private final ArrayDeque<CommittedOp> ops = new ArrayDeque<>();
  private long base;

  RecentOps(long base) {
    this.base = base;
  }

  long base() {
    return base;
  }

  long end() {
    return base + ops.size();
  }

  void add(CommittedOp op) {
    if (op.version() != end()) {
      throw new IllegalStateException("op " + op.version() + " does not follow " + end());
    }
    ops.addLast(op);
  }

  /** Prepends older ops {@code [from, base)}, in order. */
  void prepend(List<CommittedOp> older) {
    for (int i = older.size() - 1; i >= 0; i--) {
      CommittedOp op = older.get(i);
      if (op.version() != base - 1) {
        throw new IllegalStateException("op " + op.version() + " does not precede " + base);
      }
      ops.addFirst(op);
      base--;
    }
  }

  /** Ops {@code [from, end())}; {@code from} must be at least {@link #base()}. */
  List<CommittedOp> from(long from) {
    List<CommittedOp> result = new ArrayList<>((int) Math.max(0, end() - from));
    long version = base;
    for (Iterator<CommittedOp> it = ops.iterator(); it.hasNext(); version++) {
      CommittedOp op = it.next();
      if (version >= from) {
        result.add(op);
      }
    }
    return result;
  }

  /** Ops {@code [from, to)}. */
  List<CommittedOp> range(long from, long to) {
    List<CommittedOp> all = from(from);
    return all.subList(0, (int) Math.min(all.size(), Math.max(0, to - from)));
  }

  /** Forgets all but the newest {@link #KEEP} ops. */
  void trim() {
    while (ops.size() > KEEP) {
      ops.removeFirst();
      base++;
    }
  }

  /** Drops the newest ops down to version {@code end}, after a failed commit. */
  void truncate(long end) {
    while (end() > end && !ops.isEmpty()) {
      ops.removeLast();
    }
  }
}
