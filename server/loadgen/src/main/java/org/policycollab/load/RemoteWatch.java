package org.policycollab.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submit to remote apply: each op is expected, by its {@code src} and {@code seq}, at the reading
 * connections of its document; every arrival records the time since the op was sent. Writers and
 * readers sit on different event loops, hence the concurrent map.
 */
final class RemoteWatch {
  private static final class Expected {
    final long sentNanos;
    final AtomicInteger readersLeft;
    volatile boolean acked;

    Expected(long sentNanos, int readers) {
      this.sentNanos = sentNanos;
      this.readersLeft = new AtomicInteger(readers);
    }
  }

  private final Map<String, Expected> expected = new ConcurrentHashMap<>();
  private final Latencies latencies = new Latencies();

  Latencies latencies() {
    return latencies;
  }

  void expect(String src, long seq, long sentNanos, int readers) {
    if (readers > 0) {
      expected.put(key(src, seq), new Expected(sentNanos, readers));
    }
  }

  /** The op committed: from now on, a reader that never sees it has missed it. */
  void acked(String src, long seq) {
    Expected op = expected.get(key(src, seq));
    if (op != null) {
      op.acked = true;
    }
  }

  void seen(String src, long seq, long receivedNanos) {
    String key = key(src, seq);
    Expected op = expected.get(key);
    if (op == null) {
      return; // another workload's op, or a reader seeing it twice (counted by the version check)
    }
    latencies.recordNanos(receivedNanos - op.sentNanos);
    if (op.readersLeft.decrementAndGet() <= 0) {
      expected.remove(key);
    }
  }

  /** Deliveries of committed ops still missing at their readers. */
  long missingDeliveries() {
    long missing = 0;
    for (Expected op : expected.values()) {
      if (op.acked) {
        missing += Math.max(0, op.readersLeft.get());
      }
    }
    return missing;
  }

  private static String key(String src, long seq) {
    return src + '#' + seq;
  }
}
