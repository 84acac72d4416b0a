package org.policycollab.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * A standalone Mongo-wire server on loopback, from the server jar, for benchmarks that point two
 * servers at one store: {@code java -cp collab-server.jar org.policycollab.store.WireServerMain PORT
 * [DATA_DIR]} (in memory without a directory). Not for production: use MongoDB there.
 */
public final class WireServerMain {
  private WireServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: WireServerMain PORT [DATA_DIR]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    MVStore.Builder builder = new MVStore.Builder();
    if (args.length > 1) {
      Path dir = Files.createDirectories(Path.of(args[1]));
      builder.fileName(dir.resolve(EmbeddedMongo.FILE_NAME).toString());
    }
    MVStore file = builder.open();
    H2Backend backend = new H2Backend(file);
    backend.version(ServerVersion.MONGO_5_0);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    // Stopped (SIGTERM), it closes the file: what it acknowledged is on disk for the next start.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      file.close();
    }, "wire-server-shutdown"));
    System.out.println("wire server listening on 127.0.0.1:" + port);
    Thread.currentThread().join();
  }
}
