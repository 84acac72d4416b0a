package org.policycollab.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the writers of a run did: ops sent, acknowledged (overall and per document) and their latency. */
final class EditStats {
  private final Latencies ackLatencies = new Latencies();
  private final LongAdder sent = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final Map<String, LongAdder> ackedByDoc = new ConcurrentHashMap<>();

  Latencies ackLatencies() {
    return ackLatencies;
  }

  void sent() {
    sent.increment();
  }

  void acked(String docId, ShareDbConnection.Ack ack) {
    acked.increment();
    ackedByDoc.computeIfAbsent(docId, id -> new LongAdder()).increment();
    ackLatencies.recordNanos(ack.latencyNanos());
  }

  /** A tick that found its writer already at the in-flight limit: the server is not keeping up. */
  void skipped() {
    skipped.increment();
  }

  long sentCount() {
    return sent.sum();
  }

  long ackedCount() {
    return acked.sum();
  }

  long skippedCount() {
    return skipped.sum();
  }

  long ackedOn(String docId) {
    LongAdder count = ackedByDoc.get(docId);
    return count == null ? 0 : count.sum();
  }
}
