package org.policycollab.load;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Many quiet readers: opens {@code --connections} connections, each subscribed to one of {@code --docs}
 * documents, and holds them. Measures how fast they open and, given {@code --server-pid}, what each costs
 * the server in heap and resident memory. At the end every connection must still answer a ping.
 */
final class IdleWorkload implements Workload {
  private final int connections;
  private final int docs;
  private final int concurrency;
  private final double holdSeconds;
  private final ServerProbe probe;

  IdleWorkload(Options options) {
    this.connections = options.count("connections", 1_000, 1);
    this.docs = options.count("docs", 100, 1);
    this.concurrency = options.count("open-concurrency", 500, 1);
    this.holdSeconds = options.decimal("hold-seconds", 5, -1);
    this.probe = options.has("server-pid") ? new ServerProbe(options.number("server-pid", 0, 1)) : null;
  }

  @Override
  public String name() {
    return "idle";
  }

  @Override
  public ResultTable run(LoadContext context) throws Exception {
    warnIfOverFileLimit(context);
    List<String> ids = context.createDocs("idle", docs, 200);
    ResultTable table = new ResultTable(name()).add("connections", connections, "connections").add("docs", docs, "docs");
    Memory before = probe == null ? null : Memory.read(probe);
    Latencies openLatencies = new Latencies();
    double cpuBefore = probe == null ? 0 : probe.cpuSeconds();
    LoadContext.Opened opened = context.openMany(connections, concurrency, i -> ids.get(i % ids.size()), openLatencies);
    List<ShareDbConnection> open = opened.open();
    double cpuSpent = probe == null ? 0 : probe.cpuSeconds() - cpuBefore;
    double openSeconds = opened.elapsedNanos() / 1e9;
    table.add("opened", open.size(), "connections")
        .add("open_seconds", openSeconds, "s")
        .add("opens_per_s", openSeconds > 0 ? open.size() / openSeconds : Double.NaN, "conn/s")
        .addLatencies("open", openLatencies.total());
    try {
      if (before != null) {
        table.add("server_cpu_ms_per_open", cpuSpent * 1_000 / Math.max(1, open.size()), "ms");
        Memory after = Memory.read(probe);
        table.add("heap_before_mb", before.heapBytes() / 1048576.0, "MiB")
            .add("heap_after_mb", after.heapBytes() / 1048576.0, "MiB")
            .add("heap_per_connection_kb", (after.heapBytes() - before.heapBytes()) / 1024.0 / Math.max(1, open.size()), "KiB")
            .add("rss_before_mb", before.residentBytes() / 1048576.0, "MiB")
            .add("rss_after_mb", after.residentBytes() / 1048576.0, "MiB")
            .add("rss_per_connection_kb", (after.residentBytes() - before.residentBytes()) / 1024.0 / Math.max(1, open.size()), "KiB");
      }
      Thread.sleep((long) (holdSeconds * 1_000));
      table.add("still_open_after_hold", answering(context, open), "connections");
    } finally {
      context.closeAll(open);
    }
    return table;
  }

  /** Each connection is a file descriptor here and on the server: say so before the limit bites. */
  private void warnIfOverFileLimit(LoadContext context) {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix
        && connections + 200 > unix.getMaxFileDescriptorCount()) {
      context.out().println("note: this process may open " + unix.getMaxFileDescriptorCount()
          + " files; " + connections + " connections need more (raise ulimit -n, here and for the server)");
    }
  }

  /** How many answer a ping: a connection the server dropped quietly is no better than a closed one. */
  private static long answering(LoadContext context, List<ShareDbConnection> open) throws InterruptedException {
    List<Future<Void>> pings = new ArrayList<>(open.size());
    open.forEach(connection -> pings.add(connection.ping()));
    try {
      Await.reply(Future.join(pings), "ping " + open.size() + " connections");
    } catch (RuntimeException e) {
      // Counted one by one below.
    }
    long answered = 0;
    for (Future<Void> ping : pings) {
      if (ping.succeeded()) {
        answered++;
      } else if (ping.failed()) {
        context.tally().record(ping.cause());
      } else {
        context.tally().record(LoadError.TIMEOUT, "a ping got no answer");
      }
    }
    return answered;
  }

  /** The server's heap (after full collections) and resident set at one moment. */
  record Memory(long heapBytes, long residentBytes) {
    static Memory read(ServerProbe probe) throws java.io.IOException, InterruptedException {
      long heap = probe.heapUsedBytesAfterGc(2);
      return new Memory(heap, probe.residentBytes());
    }
  }
}
