package org.policycollab.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opening a document the server has to load: {@code --phase prepare} writes a document with {@code
 * --ops} small edits and prints its id ({@code doc=...}); the caller restarts the server; {@code
 * --phase open --doc ID} then times a fresh connection's subscribe (cold: the owner loads it from the
 * store and replays its ops) and a second one's (warm: already in memory).
 */
final class ColdOpenWorkload implements Workload {
  private static final int IN_FLIGHT = 200;
  private static final int DOC_LENGTH = 1_000;

  private final String phase;
  private final long ops;
  private final String docId;
  /** Opened first, when given: the server's first open after a restart also pays for its own warm-up. */
  private final String warmupDocId;

  ColdOpenWorkload(Options options) {
    this.phase = options.requiredText("phase");
    if (phase.equals("prepare")) {
      this.ops = options.number("ops", 1_000, 1);
      this.docId = options.text("doc", Edits.freshDocId("cold"));
      this.warmupDocId = null;
    } else if (phase.equals("open")) {
      this.ops = options.number("ops", -1, 0);
      this.docId = options.requiredText("doc");
      this.warmupDocId = options.text("warmup-doc", null);
    } else {
      throw new Options.UsageException("--phase must be prepare or open, not " + phase);
    }
  }

  @Override
  public String name() {
    return "cold-open";
  }

  @Override
  public ResultTable run(LoadContext context) throws Exception {
    return phase.equals("prepare") ? prepare(context) : open(context);
  }

  private ResultTable prepare(LoadContext context) throws InterruptedException {
    ShareDbConnection author = context.connectNow();
    Latencies acks = new Latencies();
    long start = System.nanoTime();
    try {
      Await.reply(author.create(docId, Edits.prose(DOC_LENGTH, new Random())), "create " + docId);
      Await.result(submitPipelined(context, author, acks), ops * 100 + 2 * ShareDbConnection.REPLY_TIMEOUT_MS,
          "submit " + ops + " ops to " + docId);
    } finally {
      context.closeAll(List.of(author));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // The line the restart script reads; the RESULT line has it too.
    context.out().println("doc=" + docId);
    return new ResultTable(name())
        .add("phase", phase)
        .add("doc", docId)
        .add("ops_acked", acks.total().getTotalCount(), "ops")
        .add("seconds", seconds, "s")
        .add("ops_per_s", acks.total().getTotalCount() / seconds, "ops/s")
        .addLatencies("ack", acks.total());
  }

  /**
   * Sends op {@code k} at version {@code k}, keeping {@link #IN_FLIGHT} unacknowledged: as the only
   * writer, each op's version is exactly the one its predecessor commits, so none is transformed.
   */
  private Future<Void> submitPipelined(LoadContext context, ShareDbConnection author, Latencies acks) {
    Promise<Void> done = Promise.promise();
    AtomicInteger answered = new AtomicInteger();
    Random random = new Random();
    long[] next = {1};
    Runnable[] sendNext = new Runnable[1];
    sendNext[0] = () -> {
      long version = next[0]++;
      author.edit(docId, version, Edits.insertWithin(DOC_LENGTH, random)).onComplete(reply -> {
        if (reply.succeeded()) {
          acks.recordNanos(reply.result().latencyNanos());
        } else {
          context.tally().record(reply.cause());
        }
        if (next[0] <= ops) {
          sendNext[0].run();
        }
        if (answered.incrementAndGet() == ops) {
          done.complete();
        }
      });
    };
    author.onLoop(() -> {
      for (int i = 0; i < Math.min(IN_FLIGHT, ops); i++) {
        sendNext[0].run();
      }
    });
    return done.future();
  }

  private ResultTable open(LoadContext context) throws InterruptedException {
    ResultTable table = new ResultTable(name()).add("phase", phase).add("doc", docId);
    long version = -1;
    if (warmupDocId != null) {
      ShareDbConnection reader = context.connectNow();
      try {
        long start = System.nanoTime();
        Await.reply(reader.subscribe(warmupDocId), "warm-up subscribe to " + warmupDocId);
        table.add("warmup_doc_subscribe_ms", (System.nanoTime() - start) / 1e6, "ms");
      } finally {
        context.closeAll(List.of(reader));
      }
    }
    for (String kind : new String[] {"cold", "warm"}) {
      ShareDbConnection reader = context.connectNow();
      try {
        long start = System.nanoTime();
        ShareDbConnection.Snapshot snapshot = Await.reply(reader.subscribe(docId), kind + " subscribe to " + docId);
        table.add(kind + "_subscribe_ms", (System.nanoTime() - start) / 1e6, "ms");
        version = snapshot.version();
        if (!snapshot.exists()) {
          context.tally().record(LoadError.MISMATCH, docId + " does not exist");
        }
      } finally {
        context.closeAll(List.of(reader));
      }
    }
    table.add("version", version, "version");
    if (ops >= 0) {
      boolean expected = version == ops + 1;
      if (!expected) {
        context.tally().record(LoadError.MISMATCH, docId + " is at version " + version + "; expected " + (ops + 1));
      }
      table.add("version_ok", expected);
    }
    return table;
  }
}
