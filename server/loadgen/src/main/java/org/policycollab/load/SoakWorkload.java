package org.policycollab.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A long mixed run to find what only time shows (leaks, creeping latency): {@code --writers} authors
 * spread over {@code --docs} documents with a reader each, plus {@code --idle} quiet subscribers on
 * documents of their own, for {@code --minutes}. One line a minute; at the end the first third against
 * the last. {@code --minute-seconds} shortens the "minute" for tests.
 */
final class SoakWorkload implements Workload {
  private final int minutes;
  private final double minuteSeconds;
  private final int writers;
  private final int docs;
  private final int readersPerDoc;
  private final int idle;
  private final double rate;
  private final ServerProbe probe;

  SoakWorkload(Options options) {
    this.minutes = options.count("minutes", 10, 1);
    this.minuteSeconds = options.decimal("minute-seconds", 60, 0);
    this.writers = options.count("writers", 20, 1);
    this.docs = options.count("docs", 5, 1);
    this.readersPerDoc = options.count("readers-per-doc", 1, 0);
    this.idle = options.count("idle", 100, 0);
    this.rate = options.decimal("rate", 2, 0);
    this.probe = options.has("server-pid") ? new ServerProbe(options.number("server-pid", 0, 1)) : null;
    if (docs > writers) {
      throw new Options.UsageException("--docs must not exceed --writers: every document needs an author");
    }
  }

  @Override
  public String name() {
    return "soak";
  }

  /** One minute's figures. */
  private record Minute(int index, long acked, long errors, Histogram acks, long heapBytes) {}

  @Override
  public ResultTable run(LoadContext context) throws Exception {
    EditingRun run = new EditingRun(context, rate);
    for (int d = 0; d < docs; d++) {
      // Writers spread evenly: the first (writers % docs) documents get one more.
      int authors = writers / docs + (d < writers % docs ? 1 : 0);
      run.createDocs("soak", 1, 2_000, authors, readersPerDoc);
    }
    List<ShareDbConnection> quiet = List.of();
    List<Minute> record = new ArrayList<>();
    try {
      if (idle > 0) {
        List<String> idleIds = context.createDocs("soak-idle", Math.min(100, idle), 200);
        quiet = context.openMany(idle, 500, i -> idleIds.get(i % idleIds.size()), new Latencies()).open();
      }
      run.open(200);
      run.start(minutes * minuteSeconds);
      long start = System.nanoTime();
      long ackedBefore = 0;
      long errorsBefore = context.tally().total();
      for (int m = 1; m <= minutes; m++) {
        long minuteEnd = start + (long) (m * minuteSeconds * 1e9);
        sleepUntil(minuteEnd);
        Histogram acks = run.stats().ackLatencies().takeInterval();
        long acked = run.stats().ackedCount();
        long errors = context.tally().total();
        long heap = probe == null ? -1 : probe.heapUsedBytesAfterGc(1);
        Minute minute = new Minute(m, acked - ackedBefore, errors - errorsBefore, acks, heap);
        record.add(minute);
        context.out().println(line(minute));
        ackedBefore = acked;
        errorsBefore = errors;
      }
      run.finish();
    } finally {
      run.close();
      context.closeAll(quiet);
    }
    return summary(run, record);
  }

  private ResultTable summary(EditingRun run, List<Minute> record) {
    int third = Math.max(1, record.size() / 3);
    Histogram first = new Histogram(3);
    Histogram last = new Histogram(3);
    record.subList(0, third).forEach(minute -> first.add(minute.acks()));
    record.subList(record.size() - third, record.size()).forEach(minute -> last.add(minute.acks()));
    ResultTable table = new ResultTable(name())
        .add("minutes", minutes, "minutes")
        .add("minute_seconds", minuteSeconds, "s")
        .add("writers", writers, "connections")
        .add("docs", docs, "docs")
        .add("idle", idle, "connections");
    run.report(table, minutes * minuteSeconds);
    table.add("ack_p99_first_third_ms", Latencies.percentileMillis(first, 99), "ms")
        .add("ack_p99_last_third_ms", Latencies.percentileMillis(last, 99), "ms");
    if (probe != null) {
      table.add("heap_first_minute_mb", record.get(0).heapBytes() / 1048576.0, "MiB")
          .add("heap_last_minute_mb", record.get(record.size() - 1).heapBytes() / 1048576.0, "MiB");
    }
    return table;
  }

  private static String line(Minute minute) {
    return String.format(Locale.ROOT, "minute %3d  acked %7d  errors %5d  ack p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms%s",
        minute.index(), minute.acked(), minute.errors(),
        Latencies.percentileMillis(minute.acks(), 50), Latencies.percentileMillis(minute.acks(), 99),
        Latencies.maxMillis(minute.acks()),
        minute.heapBytes() < 0 ? "" : String.format(Locale.ROOT, "  heap %8.1f MiB", minute.heapBytes() / 1048576.0));
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, Math.min(1_000, left / 1_000_000)));
    }
  }
}
