package org.policycollab.load;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Authors and readers on a set of documents for a while: the common body of the hot, many, large and
 * soak workloads. Writers are {@link PacedWriter}s; readers only subscribe. Submit to remote apply is
 * measured at the readers, or at the other authors of a document that has no readers.
 *
 * <p>Afterwards every document's version must equal its starting version plus the acknowledged ops,
 * and every connection on it must have seen that version: a lost op or broadcast counts as an error.
 */
final class EditingRun {
  /** A document in the run; {@code baseVersion} is its version before the writers start. */
  record Doc(String id, int originalLength, long baseVersion, int writers, int readers) {}

  private static final long SETTLE_MILLIS = 10_000;

  private final LoadContext context;
  private final double opsPerSecond;
  private final EditStats stats = new EditStats();
  private final RemoteWatch watch = new RemoteWatch();
  private final Latencies openLatencies = new Latencies();
  private final List<Doc> docs = new ArrayList<>();
  private final Map<String, List<ShareDbConnection>> connectionsByDoc = new LinkedHashMap<>();
  private final List<ShareDbConnection> connections = new ArrayList<>();
  private final List<PacedWriter> writers = new ArrayList<>();
  private final List<Future<Void>> finished = new ArrayList<>();
  private long deadlineNanos;

  EditingRun(LoadContext context, double opsPerSecond) {
    this.context = context;
    this.opsPerSecond = opsPerSecond;
  }

  EditStats stats() {
    return stats;
  }

  /** Creates {@code count} documents of {@code length} characters of prose and adds them to the run. */
  List<String> createDocs(String prefix, int count, int length, int writersEach, int readersEach)
      throws InterruptedException {
    List<String> ids = context.createDocs(prefix, count, length);
    ids.forEach(id -> addDoc(new Doc(id, length, 1, writersEach, readersEach)));
    return ids;
  }

  void addDoc(Doc doc) {
    docs.add(doc);
  }

  /** Opens every writer and reader, subscribed to its document, at most {@code concurrency} at a time. */
  void open(int concurrency) throws InterruptedException {
    List<Doc> slots = new ArrayList<>();
    List<Boolean> writing = new ArrayList<>();
    for (Doc doc : docs) {
      for (int i = 0; i < doc.writers() + doc.readers(); i++) {
        slots.add(doc);
        writing.add(i < doc.writers());
      }
    }
    LoadContext.Opened opened = context.openMany(slots.size(), concurrency, i -> slots.get(i).id(), openLatencies);
    Map<String, List<ShareDbConnection>> observersByDoc = new LinkedHashMap<>();
    for (int i = 0; i < slots.size(); i++) {
      ShareDbConnection connection = opened.byIndex().get(i);
      if (connection == null) {
        continue;
      }
      Doc doc = slots.get(i);
      connections.add(connection);
      connectionsByDoc.computeIfAbsent(doc.id(), id -> new ArrayList<>()).add(connection);
      if (writing.get(i)) {
        writers.add(new PacedWriter(connection, doc.id(), doc.originalLength(), opsPerSecond, stats, watch, context.tally()));
      }
      if (!writing.get(i) || doc.readers() == 0) {
        observersByDoc.computeIfAbsent(doc.id(), id -> new ArrayList<>()).add(connection);
      }
    }
    observersByDoc.forEach((docId, observers) -> {
      for (ShareDbConnection observer : observers) {
        observer.onRemoteOp(op -> watch.seen(op.src(), op.seq(), op.receivedNanos()));
      }
      for (ShareDbConnection writer : connectionsByDoc.get(docId)) {
        // An author that also observes never receives its own ops.
        int readers = observers.size() - (observers.contains(writer) ? 1 : 0);
        writer.onSubmit((id, src, seq, sentNanos) -> watch.expect(src, seq, sentNanos, readers));
      }
    });
  }

  /**
   * The whole run: opens the connections ({@code concurrency} at a time), types for {@code seconds},
   * waits for the last acks and deliveries, checks the versions, and closes every connection.
   */
  void runFor(double seconds, int concurrency) throws InterruptedException {
    open(concurrency);
    start(seconds);
    try {
      finish();
    } finally {
      close();
    }
  }

  /** Starts every writer, to type for {@code seconds}; returns at once. */
  void start(double seconds) {
    deadlineNanos = System.nanoTime() + (long) (seconds * 1e9);
    writers.forEach(writer -> finished.add(writer.start(deadlineNanos)));
  }

  /**
   * Waits for the writers to pass their deadline and their last acks, then for the readers to receive
   * every committed op, then checks the versions.
   */
  void finish() throws InterruptedException {
    long leftMillis = Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    Await.result(Future.join(finished), leftMillis + ShareDbConnection.REPLY_TIMEOUT_MS + 10_000, "the writers' last acks");
    long settleUntil = System.currentTimeMillis() + SETTLE_MILLIS;
    while (watch.missingDeliveries() > 0 && System.currentTimeMillis() < settleUntil) {
      Thread.sleep(20);
    }
    long missing = watch.missingDeliveries();
    if (missing > 0) {
      context.tally().record("undelivered", missing + " deliveries of committed ops never reached their readers", missing);
    }
    verifyVersions();
  }

  private void verifyVersions() throws InterruptedException {
    for (Doc doc : docs) {
      List<ShareDbConnection> onDoc = connectionsByDoc.getOrDefault(doc.id(), List.of());
      try {
        if (!onDoc.isEmpty()) {
          verifyVersion(doc, onDoc);
        }
      } catch (LoadError e) {
        // Counted, and the other documents still checked: the figures so far are worth printing.
        context.tally().record(e);
      }
    }
  }

  private void verifyVersion(Doc doc, List<ShareDbConnection> onDoc) throws InterruptedException {
    long version = Await.reply(onDoc.get(0).fetch(doc.id()), "fetch " + doc.id()).version();
    long expected = doc.baseVersion() + stats.ackedOn(doc.id());
    if (version != expected) {
      context.tally().record(LoadError.MISMATCH, doc.id() + " is at version " + version + " after "
          + stats.ackedOn(doc.id()) + " acknowledged ops from " + doc.baseVersion() + "; expected " + expected);
    }
    for (ShareDbConnection connection : onDoc) {
      long seen = Await.reply(connection.seenVersion(doc.id()), "version seen");
      if (seen != version) {
        context.tally().record(LoadError.MISMATCH, "a subscriber of " + doc.id() + " saw version " + seen + " of " + version);
      }
    }
  }

  /** The run's figures: ops, throughput, submit to ack and submit to remote apply. */
  void report(ResultTable table, double seconds) {
    table.add("ops_sent", stats.sentCount(), "ops")
        .add("ops_acked", stats.ackedCount(), "ops")
        .add("ops_per_s", stats.ackedCount() / seconds, "ops/s");
    if (stats.skippedCount() > 0) {
      table.add("ticks_skipped_at_in_flight_limit", stats.skippedCount(), "ticks");
    }
    table.addLatencies("ack", stats.ackLatencies().total());
    table.addLatencies("remote", watch.latencies().total());
  }

  void close() throws InterruptedException {
    context.closeAll(connections);
  }
}
