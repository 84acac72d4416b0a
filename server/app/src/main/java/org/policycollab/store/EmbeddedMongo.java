package org.policycollab.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.mvstore.MVStore;

/**
 * A Mongo-wire server in this process (mongo-java-server) on a loopback ephemeral port, so that a
 * deployment needs no MongoDB: the store talks to it through the same driver, over TCP. Backed by an H2
 * MVStore file, or by memory. Start and stop block: call them from a worker thread.
 */
public final class EmbeddedMongo {
  static final String FILE_NAME = "collab.mv.db";
  private static final Duration COMPACTION_INTERVAL = Duration.ofMillis(500);
  private static final int PAGE_SPLIT_SIZE = 4 * 1024;
  private static final int RETENTION_MS = 2_000;

  private final MongoServer server;
  private final MVStore mvStore;
  private final InetSocketAddress address;
  private final MvStoreCompaction compaction;

  private EmbeddedMongo(AbstractMongoBackend backend, MVStore mvStore) {
    backend.version(ServerVersion.MONGO_5_0);
    this.server = new MongoServer(backend);
    this.mvStore = mvStore;
    server.bind("127.0.0.1", 0);
    this.address = server.getLocalAddress();
    this.compaction = mvStore == null ? null : new MvStoreCompaction(mvStore, COMPACTION_INTERVAL);
  }

  /** Keeps its data in {@code dataDir/collab.mv.db}, creating the directory if needed. */
  public static EmbeddedMongo startH2(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
    }
    // No background auto-commit: data reaches the file only at our commits, each followed by a sync,
    // so that what a crash leaves is exactly what was acknowledged (and maybe a bit more).
    MVStore mvStore =
        new MVStore.Builder()
            .fileName(dataDir.resolve(FILE_NAME).toString())
            .autoCommitDisabled()
            // Every commit rewrites the last leaf page of the op log and of its indexes: with MVStore's
            // 48 KB default that was tens of KB written (and later compacted) per op, the file grew by
            // a megabyte a second under load and commits slowed as compaction fell behind.
            .pageSplitSize(PAGE_SPLIT_SIZE)
            .open();
    // Old chunks are kept this long before their space is reused. MVStore's 45 s default guards against
    // disks that have not flushed yet; every commit here is synced before it is acknowledged, and at a
    // commit a second, 45 s of chunks were most of the file and outran compaction.
    mvStore.setRetentionTime(RETENTION_MS);
    try {
      return new EmbeddedMongo(new H2Backend(mvStore), mvStore);
    } catch (RuntimeException e) {
      mvStore.close();
      throw e;
    }
  }

  /**
   * Keeps nothing once stopped. The H2 backend over a file-less MVStore: the pom carries only that
   * backend, and it behaves exactly like the file-backed one.
   */
  public static EmbeddedMongo startInMemory() {
    return new EmbeddedMongo(new H2Backend(new MVStore.Builder().open()), null);
  }

  public String connectionString() {
    return "mongodb://" + address.getHostString() + ":" + address.getPort();
  }

  public boolean inMemory() {
    return mvStore == null;
  }

  /** For the H2 backend, a commit waits for the MVStore to be written and synced to disk. */
  public Durability durability(Vertx vertx) {
    return mvStore == null ? Durability.NONE : new CoalescedSync(vertx, this::sync);
  }

  private void sync() {
    mvStore.commit();
    mvStore.sync();
  }

  /** Flushes everything to disk and stops serving. Blocks. */
  public void stop() {
    if (compaction != null) {
      compaction.stop();
    }
    try {
      if (mvStore != null && !mvStore.isClosed()) {
        sync();
      }
    } finally {
      // Closes the backend too, and with it the MVStore (which writes what is left).
      server.shutdownNow();
      if (mvStore != null && !mvStore.isClosed()) {
        mvStore.close();
      }
    }
  }
}
