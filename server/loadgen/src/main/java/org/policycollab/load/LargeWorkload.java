package org.policycollab.load;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A large document: built to {@code --chars} characters (a create, then appends of at most 100,000
 * characters sent all at once at consecutive versions), opened by a fresh connection, then edited by
 * {@code --writers} authors for {@code --seconds}. Shows what size costs: the snapshot a subscriber
 * loads, and the apply of each small edit to a long text.
 */
final class LargeWorkload implements Workload {
  private static final int PIECE = 100_000;

  private final int chars;
  private final int writers;
  private final double seconds;
  private final double rate;

  LargeWorkload(Options options) {
    this.chars = options.count("chars", 1_000_000, 2);
    this.writers = options.count("writers", 4, 0);
    this.seconds = options.decimal("seconds", 10, 0);
    this.rate = options.decimal("rate", 5, 0);
  }

  @Override
  public String name() {
    return "large";
  }

  @Override
  public ResultTable run(LoadContext context) throws Exception {
    String docId = Edits.freshDocId("large");
    String text = Edits.prose(chars, new Random());
    ShareDbConnection builder = context.connectNow();
    long start = System.nanoTime();
    long version = build(builder, docId, text);
    double createSeconds = (System.nanoTime() - start) / 1e9;
    context.closeAll(List.of(builder));

    long openStart = System.nanoTime();
    ShareDbConnection reader = context.connectNow();
    long subscribeStart = System.nanoTime();
    ShareDbConnection.Snapshot snapshot = Await.reply(reader.subscribe(docId), "subscribe " + docId);
    long opened = System.nanoTime();
    double subscribeMillis = (opened - subscribeStart) / 1e6;
    double openMillis = (opened - openStart) / 1e6;
    context.closeAll(List.of(reader));
    if (!snapshot.text().equals(text) || snapshot.version() != version) {
      context.tally().record(LoadError.MISMATCH, docId + " opened at version " + snapshot.version() + " with "
          + snapshot.text().length() + " characters; built " + version + " and " + text.length());
    }

    ResultTable table = new ResultTable(name())
        .add("doc", docId)
        .add("chars", chars, "chars")
        .add("create_seconds", createSeconds, "s")
        .add("version_after_build", version, "version")
        .add("open_ms", openMillis, "ms")
        .add("subscribe_ms", subscribeMillis, "ms")
        .add("snapshot_chars", snapshot.text().length(), "chars");
    if (writers > 0) {
      EditingRun run = new EditingRun(context, rate);
      run.addDoc(new EditingRun.Doc(docId, chars, version, writers, 0));
      run.runFor(seconds, writers);
      table.add("writers", writers, "connections").add("seconds", seconds, "s");
      run.report(table, seconds);
    }
    return table;
  }

  /**
   * Creates the document with the first piece, then appends the rest all at once: each append names the
   * version its predecessor will commit at, so none needs a transform. Returns the final version.
   *
   * <p>The appends wait for the create's ack: the server claims a new document for its creator before it
   * queues the create, and an edit arriving meanwhile is judged against the empty document first.
   */
  private static long build(ShareDbConnection builder, String docId, String text) throws InterruptedException {
    int first = Math.min(PIECE, text.length());
    Await.reply(builder.create(docId, text.substring(0, first)), "create " + docId);
    List<Future<ShareDbConnection.Ack>> acks = new ArrayList<>();
    long version = 1;
    for (int from = first; from < text.length(); from += PIECE) {
      String piece = text.substring(from, Math.min(text.length(), from + PIECE));
      acks.add(builder.edit(docId, version, Edits.insert(from, piece)));
      version++;
    }
    Await.result(Future.all(acks), ShareDbConnection.REPLY_TIMEOUT_MS + 5_000L * acks.size(),
        "append " + acks.size() + " pieces to " + docId);
    return version;
  }
}
