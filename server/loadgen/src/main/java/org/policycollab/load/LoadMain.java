package org.policycollab.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code java -jar loadgen.jar --url http://host:port --user admin --password PW <workload> [options]}:
 * signs in, runs one workload through the real protocol, prints its table and a {@code RESULT} JSON
 * line, and exits 0 when nothing failed, 1 when something did, 2 on a bad command line.
 */
public final class LoadMain {
  private static final Map<String, Function<Options, Workload>> WORKLOADS = Map.of(
      "trace", TraceWorkload::new,
      "hot", HotWorkload::new,
      "many", ManyWorkload::new,
      "idle", IdleWorkload::new,
      "large", LargeWorkload::new,
      "cold-open", ColdOpenWorkload::new,
      "soak", SoakWorkload::new);

  private static final String USAGE = """
      usage: java -jar loadgen.jar --url http://HOST:PORT --user NAME --password PW WORKLOAD [options]
        (the password may come from the environment variable LOADGEN_PASSWORD instead;
         --event-loops N: the tool's threads, one per core by default)
      workloads:
        trace --file PATH.json.gz [--ops N]
            one author replays a sequential editing trace, one op in flight; checks the result
        hot [--writers 10] [--readers W] [--seconds 10] [--rate 5]
            W authors on one document, each about R ops/s, and W readers
        many [--docs 100] [--authors 3] [--seconds 10] [--rate 2]
            D documents with 3 authors each
        idle [--connections 1000] [--docs 100] [--open-concurrency 500] [--hold-seconds 5] [--server-pid PID]
            N subscribed connections held open; with the pid, the server's memory per connection
        large [--chars 1000000] [--writers 4] [--seconds 10] [--rate 5]
            builds a large document, opens it fresh, then W authors edit it
        cold-open --phase prepare [--ops 1000]    |    cold-open --phase open --doc ID [--ops N]
            prepare writes a document with N ops and prints doc=ID; open (after a server restart)
            times a cold and a warm subscribe and checks the version is N+1
        soak [--minutes 10] [--writers 20] [--docs 5] [--readers-per-doc 1] [--idle 100] [--rate 2]
             [--minute-seconds 60] [--server-pid PID]
            a long mixed run, one line a minute
      """;

  private LoadMain() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line; the exit status, without exiting (for tests and embedding). */
  public static int run(String... args) {
    return run(System.out, System.getenv(), args);
  }

  static int run(PrintStream out, Map<String, String> environment, String... args) {
    Workload workload;
    Target target;
    int eventLoops;
    String user;
    String password;
    try {
      Options options = Options.parse(args);
      if (options.has("help")) {
        out.print(USAGE);
        return 0;
      }
      if (options.positional().size() != 1 || !WORKLOADS.containsKey(options.positional().get(0))) {
        throw new Options.UsageException("name one workload of " + new java.util.TreeSet<>(WORKLOADS.keySet()));
      }
      target = Target.of(options.text("url", "http://127.0.0.1:8080"));
      user = options.text("user", "admin");
      password = options.text("password", environment.get("LOADGEN_PASSWORD"));
      eventLoops = options.count("event-loops", Runtime.getRuntime().availableProcessors(), 1);
      if (password == null) {
        throw new Options.UsageException("give --password or set LOADGEN_PASSWORD");
      }
      workload = WORKLOADS.get(options.positional().get(0)).apply(options);
      options.rejectUnread();
    } catch (Options.UsageException e) {
      out.println("loadgen: " + e.getMessage());
      out.print(USAGE);
      return 2;
    }
    return runWorkload(out, workload, target, user, password, eventLoops);
  }

  private static int runWorkload(
      PrintStream out, Workload workload, Target target, String user, String password, int eventLoops) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(Integer.MAX_VALUE)
        // The server sends frames of up to 4 MiB and snapshots as large as its documents.
        .setMaxFrameSize(4 << 20)
        .setMaxMessageSize(256 << 20)
        .setConnectTimeout((int) ShareDbConnection.REPLY_TIMEOUT_MS));
    Tally tally = new Tally();
    ResultTable table;
    try {
      String token = Await.reply(SessionClient.signIn(vertx, target, user, password), "sign in");
      EventLoops loops = EventLoops.start(vertx, eventLoops);
      LoadContext context = new LoadContext(vertx, loops, client, target.signedIn(token), tally, out);
      table = workload.run(context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tally.record("interrupted", "the run was interrupted");
      table = new ResultTable(workload.name());
    } catch (Exception e) {
      // The workload could not go on: say why, and still print what the run counted.
      if (e instanceof LoadError) {
        tally.record(e);
      } else {
        tally.record(new LoadError("aborted", String.valueOf(e)));
        e.printStackTrace(out); // not a failure of the server's: a bug here, or the machine
      }
      table = new ResultTable(workload.name());
    } finally {
      tally.close();
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        out.println("note: Vert.x did not close within 10 s: " + e);
      }
    }
    table.add("errors", tally.total(), "errors");
    if (tally.total() > 0) {
      table.add("errors_by_kind", tally.summary());
      tally.firstMessages().forEach(message -> out.println("error: " + message));
    }
    table.print(out);
    return tally.total() == 0 ? 0 : 1;
  }
}
