package org.policycollab.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.policycollab.cluster.ClusteredVertx;
import java.util.logging.Level;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.policycollab.logging.JsonLogFormatter;
import org.policycollab.metrics.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar collab-server.jar [options]}: see {@link ServerConfig#help()}. */
public final class Main {
  /** JUL holds loggers weakly; these keep the levels set below alive. */
  private static final java.util.List<java.util.logging.Logger> QUIETED = new java.util.ArrayList<>();

  private Main() {}

  public static void main(String[] args) throws Exception {
    configureLogging();
    if (ServerConfig.wantsHelp(args)) {
      System.out.print(ServerConfig.help());
      return;
    }
    ServerConfig config;
    try {
      config = ServerConfig.parse(args, System.getenv());
    } catch (ServerConfig.ConfigException e) {
      System.err.println("collab-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (config.jsonLogs()) {
      for (java.util.logging.Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
        handler.setFormatter(new JsonLogFormatter());
      }
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    // Vert.x's own meters (HTTP, event bus, pools) go to the registry /metrics shows, beside ours.
    ServerMetrics metrics = new ServerMetrics();
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(config.eventLoops())
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
    MicrometerMetricsFactory metricsFactory = new MicrometerMetricsFactory(metrics.registry());
    Vertx vertx = null;
    CollabServer server;
    try {
      if (config.cluster().enabled()) {
        ClusteredVertx.Started started = await(ClusteredVertx.start(options, metricsFactory, config.cluster()));
        vertx = started.vertx();
        server = await(CollabServer.start(vertx, config, started.membership(), metrics));
        log.info("joined the cluster as node {}", started.membership().membership().self());
      } else {
        vertx = Vertx.builder().with(options).withMetrics(metricsFactory).build();
        server = await(CollabServer.start(vertx, config, null, metrics));
      }
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      log.error("could not start: {}", cause.getMessage() != null ? cause.getMessage() : cause.toString());
      if (vertx != null) {
        vertx.close();
      }
      System.exit(1);
      return;
    }
    log.info(
        "Policy Collab listening on http://{}:{} (ShareDB WebSocket at /ws), store: {}",
        config.host(), server.port(), server.storeDescription());
    if (config.webRoot() == null && !org.policycollab.http.HttpVerticle.webClientPacked()) {
      log.warn("this jar has no web client (built with -Dweb.skip and no web-client/dist): / answers 404");
    }
    Vertx running = vertx;
    boolean json = config.jsonLogs();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        running.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // JUL's own shutdown hook may already have closed its handlers: write these last lines directly.
        System.err.print(lastLine(json, Level.INFO, "Policy Collab stopped"));
      } catch (Exception e) {
        System.err.print(lastLine(json, Level.WARNING, "Policy Collab stopped uncleanly: " + e));
      }
    }, "collab-shutdown"));
  }

  /** A line written after logging has shut down, in the log's format. */
  private static String lastLine(boolean json, Level level, String message) {
    if (!json) {
      return message + System.lineSeparator();
    }
    java.util.logging.LogRecord record = new java.util.logging.LogRecord(level, message);
    record.setLoggerName(Main.class.getName());
    return new JsonLogFormatter().format(record);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
  }

  /** One line per record, and the chatty libraries only when something is wrong. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
    }
    for (String chatty : new String[] {"org.mongodb.driver", "io.netty", "com.hazelcast"}) {
      quiet(chatty, Level.WARNING);
    }
    // The embedded wire server warns about features it lacks (compound secondary indexes) that the
    // store does not rely on.
    quiet("de.bwaldvogel", Level.SEVERE);
    // Hazelcast's CP subsystem (consensus data structures) is not used: its warning that it is off is noise.
    quiet("com.hazelcast.cp", Level.SEVERE);
    // A presence published while a connection unsubscribes from its channel is dropped, as it should be;
    // Vert.x warns once per message, so a client subscribing and unsubscribing in a loop could flood the log.
    quiet("io.vertx.core.eventbus.impl.MessageConsumerImpl", Level.SEVERE);
  }

  private static void quiet(String name, Level level) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(level);
    QUIETED.add(logger);
  }
}
