package org.policycollab.load;

/**
 * Many authors on one document: {@code --writers} authors each typing about {@code --rate} ops a
 * second, and as many readers, for {@code --seconds}. Every op is transformed over the others' and
 * fanned out to every subscriber, so this is the heaviest path per document.
 */
final class HotWorkload implements Workload {
  private static final int DOC_LENGTH = 2_000;

  private final int writers;
  private final int readers;
  private final double seconds;
  private final double rate;

  HotWorkload(Options options) {
    this.writers = options.count("writers", 10, 1);
    this.readers = options.count("readers", writers, 0);
    this.seconds = options.decimal("seconds", 10, 0);
    this.rate = options.decimal("rate", 5, 0);
  }

  @Override
  public String name() {
    return "hot";
  }

  @Override
  public ResultTable run(LoadContext context) throws Exception {
    EditingRun run = new EditingRun(context, rate);
    String docId = run.createDocs("hot", 1, DOC_LENGTH, writers, readers).get(0);
    run.runFor(seconds, 200);
    ResultTable table = new ResultTable(name())
        .add("doc", docId)
        .add("writers", writers, "connections")
        .add("readers", readers, "connections")
        .add("rate_per_writer", rate, "ops/s")
        .add("seconds", seconds, "s");
    run.report(table, seconds);
    return table;
  }
}
