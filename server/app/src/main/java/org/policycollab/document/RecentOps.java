package org.policycollab.document;

import java.util.ArrayList;
import java.util.List;

/**
 * The last committed ops of a document, kept in memory for transforming late submissions, dedup,
 * presence and catching subscribers up: versions {@code [base, base + size)}. Older ops are read from
 * the store when needed and prepended.
 */
final class RecentOps {
  /** Enough for a client that was offline for a while; older ones come from the store. */
  static final int KEEP = 2_000;

  // A ring with random access: a submission reads only the few ops since its version, so finding
  // them must not cost a walk over all the kept ones.
  private CommittedOp[] ring = new CommittedOp[16];
  private int head;
  private int size;
  private long base;

  RecentOps(long base) {
    this.base = base;
  }

  long base() {
    return base;
  }

  long end() {
    return base + size;
  }

  void add(CommittedOp op) {
    if (op.version() != end()) {
      throw new IllegalStateException("op " + op.version() + " does not follow " + end());
    }
    ensureRoom();
    ring[slot(size)] = op;
    size++;
  }

  /** Prepends older ops {@code [from, base)}, in order. */
  void prepend(List<CommittedOp> older) {
    for (int i = older.size() - 1; i >= 0; i--) {
      CommittedOp op = older.get(i);
      if (op.version() != base - 1) {
        throw new IllegalStateException("op " + op.version() + " does not precede " + base);
      }
      ensureRoom();
      head = (head - 1) & (ring.length - 1);
      ring[head] = op;
      size++;
      base--;
    }
  }

  /** Ops {@code [from, end())}; {@code from} must be at least {@link #base()}. */
  List<CommittedOp> from(long from) {
    return range(from, end());
  }

  /** Ops {@code [from, to)}, clamped to what is kept. */
  List<CommittedOp> range(long from, long to) {
    long first = Math.max(from, base);
    long last = Math.min(to, end());
    if (last <= first) {
      return List.of();
    }
    List<CommittedOp> result = new ArrayList<>((int) (last - first));
    for (long version = first; version < last; version++) {
      result.add(ring[slot((int) (version - base))]);
    }
    return result;
  }

  /** Forgets all but the newest {@link #KEEP} ops. */
  void trim() {
    while (size > KEEP) {
      ring[head] = null;
      head = (head + 1) & (ring.length - 1);
      size--;
      base++;
    }
  }

  /** Drops the newest ops down to version {@code end}, after a failed commit. */
  void truncate(long end) {
    while (end() > end && size > 0) {
      size--;
      ring[slot(size)] = null;
    }
  }

  private int slot(int index) {
    return (head + index) & (ring.length - 1);
  }

  private void ensureRoom() {
    if (size < ring.length) {
      return;
    }
    CommittedOp[] bigger = new CommittedOp[ring.length * 2];
    for (int i = 0; i < size; i++) {
      bigger[i] = ring[slot(i)];
    }
    ring = bigger;
    head = 0;
  }
}
