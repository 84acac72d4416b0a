package org.policycollab.document;

import org.policycollab.ot.Delta;
import org.policycollab.store.StoredOp;

/**
 * A committed op as the owner keeps it: the stored form, the edit as a {@link Delta} ({@code null} for a
 * create or delete), and the wire message sent to subscribers, serialised once for all of them.
 */
record CommittedOp(StoredOp stored, Delta delta, String wire) {
  long version() {
    return stored.version();
  }

  boolean isFrom(String src, long seq) {
    return src.equals(stored.src()) && seq == stored.seq();
  }
}
