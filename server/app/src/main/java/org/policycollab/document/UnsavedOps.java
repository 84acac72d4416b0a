package org.policycollab.document;

import java.util.concurrent.atomic.AtomicInteger;
import org.policycollab.ot.Delta;
import org.policycollab.ot.Insert;

/**
 * The edits a node has accepted and not yet made durable, across all its documents: held in memory
 * while the store is slow or unreachable, so they are bounded, by count and by the text they insert.
 * Past either bound a new edit is refused with a clear error rather than the node running out of
 * memory. Used on the hub's event loop only.
 */
final class UnsavedOps {
  private final int maxOps;
  private final long maxChars;
  /** Read by the metrics scrape, from another thread. */
  private final AtomicInteger ops = new AtomicInteger();
  private long chars;

  UnsavedOps(Limits limits) {
    this.maxOps = limits.maxUnsavedOps();
    this.maxChars = limits.maxUnsavedChars();
  }

  /** Counts {@code submission} in if there is room; false (and nothing counted) if there is none. */
  boolean hold(Submission submission) {
    long size = size(submission);
    if (ops.get() + 1 > maxOps || chars + size > maxChars) {
      return false;
    }
    ops.incrementAndGet();
    chars += size;
    return true;
  }

  void release(Submission submission) {
    ops.decrementAndGet();
    chars -= size(submission);
  }

  int count() {
    return ops.get();
  }

  /** Roughly what a submission costs to hold: its inserted text, and a little for each piece. */
  private static long size(Submission submission) {
    return size(submission.op()) + size(submission.createData());
  }

  private static long size(Delta delta) {
    if (delta == null) {
      return 0;
    }
    long size = 0;
    for (var op : delta.ops()) {
      size += 1 + (op instanceof Insert ? op.length() : 0);
    }
    return size;
  }
}
