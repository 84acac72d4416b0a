package org.policycollab.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run's errors by kind, counted from every event loop. The exit code is 0 only while this is empty.
 * The first few messages are kept to say what went wrong without flooding the output.
 */
final class Tally {
  private static final int KEPT_MESSAGES = 5;

  private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
  private final LongAdder total = new LongAdder();
  private final java.util.Queue<String> firstMessages = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  void record(String kind, String message) {
    record(kind, message, 1);
  }

  void record(String kind, String message, long count) {
    if (closed) {
      return;
    }
    byKind.computeIfAbsent(kind, k -> new LongAdder()).add(count);
    total.add(count);
    if (firstMessages.size() < KEPT_MESSAGES) {
      firstMessages.add(kind + ": " + message);
    }
  }

  void record(Throwable failure) {
    record(LoadError.kindOf(failure), String.valueOf(failure.getMessage()));
  }

  /**
   * Stops counting: the run is over, and what follows (Vert.x closing the sockets a failed workload left
   * open) is the tool's own doing.
   */
  void close() {
    closed = true;
  }

  long total() {
    return total.sum();
  }

  /** Kinds and counts as {@code kind=n kind=n}, sorted; empty when there were none. */
  String summary() {
    Map<String, Long> sorted = new TreeMap<>();
    byKind.forEach((kind, count) -> sorted.put(kind, count.sum()));
    StringBuilder out = new StringBuilder();
    sorted.forEach((kind, count) -> out.append(out.length() == 0 ? "" : " ").append(kind).append('=').append(count));
    return out.toString();
  }

  Iterable<String> firstMessages() {
    return firstMessages;
  }
}
