package org.policycollab.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.connection.TransportSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.vertx.core.Future;
import io.netty.channel.EventLoopGroup;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** Opens the {@link DocumentStore} the options ask for. */
public final class Stores {
  static final String DEFAULT_DATABASE = "collab";
  static final String EMBEDDED_DATABASE = "collab";
  private static final int STORE_WAIT_SECONDS = 5;

  private Stores() {}

  /** Opening blocks (a server starts, a file opens), so it runs on a worker thread. */
  public static Future<DocumentStore> open(Vertx vertx, StoreOptions options) {
    return open(vertx, options, null);
  }

  /**
   * As {@link #open(Vertx, StoreOptions)}, with the driver's network I/O on {@code ioLoop} (an event
   * loop of the caller's, which stays the caller's to shut down) instead of the driver's own threads.
   * When the store's main user runs on that loop, a reply needs no thread hand-off to reach it.
   */
  public static Future<DocumentStore> open(Vertx vertx, StoreOptions options, EventLoopGroup ioLoop) {
    return vertx.executeBlocking(
        () ->
            options.mongoUri() != null
                ? external(vertx, options.mongoUri(), ioLoop)
                : embedded(vertx, options, ioLoop),
        false);
  }

  private static MongoClientSettings.Builder transport(MongoClientSettings.Builder settings, EventLoopGroup ioLoop) {
    return ioLoop == null
        ? settings
        : settings.transportSettings(TransportSettings.nettyBuilder().eventLoopGroup(ioLoop).build());
  }

  private static DocumentStore external(Vertx vertx, String uri, EventLoopGroup ioLoop) {
    ConnectionString connection = new ConnectionString(uri);
    String database = connection.getDatabase() != null ? connection.getDatabase() : DEFAULT_DATABASE;
    MongoClientSettings settings =
        transport(MongoClientSettings.builder(), ioLoop)
            // A write to an unreachable store fails within seconds (the owner keeps it and tries
            // again, telling readers it is saving) rather than the driver's 30; the URI may say otherwise.
            .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(STORE_WAIT_SECONDS, TimeUnit.SECONDS))
            .applyConnectionString(connection)
            // An ack must survive the loss of the primary: the op log is the only copy of an edit.
            .writeConcern(WriteConcern.MAJORITY.withJournal(true))
            .build();
    // Built from the parsed hosts, never from the URI, which may carry credentials.
    String description = "MongoDB " + database + " at " + String.join(",", connection.getHosts());
    return new MongoDocumentStore(
        vertx, MongoClients.create(settings), database, Durability.NONE, description, () -> {});
  }

  private static DocumentStore embedded(Vertx vertx, StoreOptions options, EventLoopGroup ioLoop) {
    EmbeddedMongo mongo =
        options.inMemory() ? EmbeddedMongo.startInMemory() : EmbeddedMongo.startH2(options.dataDir());
    try {
      String description =
          mongo.inMemory()
              ? "in-memory store (nothing kept)"
              : "embedded MongoDB-wire store (H2) in " + options.dataDir().toAbsolutePath();
      MongoClient client =
          MongoClients.create(
              transport(MongoClientSettings.builder(), ioLoop)
                  .applyConnectionString(new ConnectionString(mongo.connectionString()))
                  .build());
      return new MongoDocumentStore(
          vertx, client, EMBEDDED_DATABASE, mongo.durability(vertx), description, mongo::stop).readingOpsByVersion();
    } catch (RuntimeException e) {
      mongo.stop();
      throw e;
    }
  }
}
