package org.policycollab.load;

/**
 * Many small groups: {@code --docs} documents with three authors each, every author typing about
 * {@code --rate} (2) ops a second for {@code --seconds}. Submit to remote apply is measured at the
 * other two authors of each document. This spreads the load over many document owners.
 */
final class ManyWorkload implements Workload {
  private static final int DOC_LENGTH = 1_000;

  private final int docs;
  private final int authors;
  private final double seconds;
  private final double rate;

  ManyWorkload(Options options) {
    this.docs = options.count("docs", 100, 1);
    this.authors = options.count("authors", 3, 1);
    this.seconds = options.decimal("seconds", 10, 0);
    this.rate = options.decimal("rate", 2, 0);
  }

  @Override
  public String name() {
    return "many";
  }

  @Override
  public ResultTable run(LoadContext context) throws Exception {
    EditingRun run = new EditingRun(context, rate);
    run.createDocs("many", docs, DOC_LENGTH, authors, 0);
    run.runFor(seconds, 200);
    ResultTable table = new ResultTable(name())
        .add("docs", docs, "docs")
        .add("authors", (long) docs * authors, "connections")
        .add("rate_per_author", rate, "ops/s")
        .add("seconds", seconds, "s");
    run.report(table, seconds);
    return table;
  }
}
