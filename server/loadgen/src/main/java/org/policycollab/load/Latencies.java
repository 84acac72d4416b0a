package org.policycollab.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies recorded from any event loop, in microseconds, read as milliseconds. A {@link Recorder}
 * takes values without locking, so recording never slows the loop being measured; readers drain it
 * into the running total and the current interval (the soak's minute).
 */
final class Latencies {
  private static final int SIGNIFICANT_DIGITS = 3;

  private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
  private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
  private final Histogram interval = new Histogram(SIGNIFICANT_DIGITS);

  void recordNanos(long nanos) {
    // Under a microsecond is below what a network round trip can show; count it as one.
    recorder.recordValue(Math.max(1, nanos / 1_000));
  }

  /** Everything recorded since the last call, and starts a new interval. */
  synchronized Histogram takeInterval() {
    drain();
    Histogram taken = interval.copy();
    interval.reset();
    return taken;
  }

  /** Everything recorded so far. */
  synchronized Histogram total() {
    drain();
    return total.copy();
  }

  private void drain() {
    Histogram recent = recorder.getIntervalHistogram();
    total.add(recent);
    interval.add(recent);
  }

  static double percentileMillis(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
  }

  static double maxMillis(Histogram histogram) {
    return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1_000.0;
  }
}
