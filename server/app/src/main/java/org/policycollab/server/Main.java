package org.policycollab.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
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
    Logger log = LoggerFactory.getLogger(Main.class);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops()));
    CollabServer server;
    try {
      server = CollabServer.start(vertx, config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.error("could not start: {}", e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      vertx.close();
      System.exit(1);
      return;
    }
    log.info(
        "Policy Collab listening on http://{}:{} (ShareDB WebSocket at /ws), store: {}",
        config.host(), server.port(), server.storeDescription());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // JUL's own shutdown hook may already have closed its handlers: write these last lines directly.
        System.err.println("Policy Collab stopped");
      } catch (Exception e) {
        System.err.println("Policy Collab stopped uncleanly: " + e);
      }
    }, "collab-shutdown"));
  }

  /** One line per record, and the chatty libraries only when something is wrong. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
    }
    for (String chatty : new String[] {"org.mongodb.driver", "io.netty"}) {
      quiet(chatty, Level.WARNING);
    }
    // The embedded wire server warns about features it lacks (compound secondary indexes) that the
    // store does not rely on.
    quiet("de.bwaldvogel", Level.SEVERE);
  }

  private static void quiet(String name, Level level) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(level);
    QUIETED.add(logger);
  }
}
