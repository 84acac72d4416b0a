package org.policycollab.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One author replays an editing trace into a new document, one op in flight: each patch is sent at
 * the version the previous ack gave, so the server never transforms and the result must equal the
 * trace's text. A fresh connection then fetches the document to check that it does.
 */
final class TraceWorkload implements Workload {
  private final Trace trace;
  private final long ops;

  /** Reads the trace now: a file that is not one is a mistake in the command line. */
  TraceWorkload(Options options) {
    Path file = Path.of(options.requiredText("file"));
    this.ops = options.number("ops", -1, 1);
    if (!Files.isRegularFile(file)) {
      throw new Options.UsageException("--file " + file + " is not a file");
    }
    try {
      this.trace = Trace.read(file);
    } catch (IOException e) {
      throw new Options.UsageException("--file: " + e.getMessage());
    }
  }

  @Override
  public String name() {
    return "trace";
  }

  @Override
  public ResultTable run(LoadContext context) throws Exception {
    int count = (int) Math.min(ops < 0 ? Long.MAX_VALUE : ops, trace.patches().size());
    String expected = trace.textAfter(count);
    String docId = Edits.freshDocId("trace");
    Latencies acks = new Latencies();
    ShareDbConnection author = context.connectNow();
    long version = Await.reply(author.create(docId, trace.startContent()), "create " + docId).version() + 1;
    int sent = 0;
    long start = System.nanoTime();
    try {
      for (Trace.Patch patch : trace.patches().subList(0, count)) {
        if (patch.deleted() == 0 && patch.inserted().isEmpty()) {
          continue; // changes nothing; the server would refuse or ignore an empty op
        }
        ShareDbConnection.Ack ack = Await.reply(
            author.edit(docId, version, Edits.replace(patch.position(), patch.deleted(), patch.inserted())),
            "patch " + sent + " of " + docId);
        acks.recordNanos(ack.latencyNanos());
        version = ack.version() + 1;
        sent++;
      }
    } catch (LoadError e) {
      // The replay cannot go on past a refused or lost patch: count it and report what was done.
      context.tally().record(e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    ShareDbConnection checker = context.connectNow();
    ShareDbConnection.Snapshot fetched = Await.reply(checker.fetch(docId), "fetch " + docId);
    context.closeAll(java.util.List.of(author, checker));
    boolean matches = fetched.text().equals(expected);
    if (!matches) {
      context.tally().record(LoadError.MISMATCH, docId + " differs from the trace after " + count + " patches ("
          + fetched.text().length() + " characters fetched, " + expected.length() + " expected)");
    }
    if (fetched.version() != 1 + sent) {
      context.tally().record(LoadError.MISMATCH, docId + " is at version " + fetched.version() + " after " + sent
          + " acknowledged ops; expected " + (1 + sent));
    }
    ResultTable table = new ResultTable(name())
        .add("doc", docId)
        .add("patches", count, "patches")
        .add("ops_acked", sent, "ops")
        .add("seconds", seconds, "s")
        .add("ops_per_s", sent / seconds, "ops/s")
        .addLatencies("ack", acks.total())
        .add("version", fetched.version(), "version")
        .add("characters", fetched.text().length(), "chars")
        .add("matches", matches);
    if (count == trace.patches().size() && trace.endContent() != null) {
      table.add("matches_end_content", fetched.text().equals(trace.endContent()));
    }
    return table;
  }
}
