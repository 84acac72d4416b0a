package org.policycollab.store;

import com.mongodb.reactivestreams.client.MongoClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.bson.types.ObjectId;

/**
 * The process {@link EmbeddedDurabilityTest} kills: opens the embedded H2 store in a directory and
 * commits two ops at a time to one document, printing {@code ACK <version>} for each op only once its
 * commit succeeded. Usage: {@code AckingWriter DATA_DIR [sync|nosync]}; {@code nosync} acknowledges
 * without waiting for the disk, to show what the sync is for.
 */
public final class AckingWriter {
  static final String DOC = "crash";
  static final int GROUP = 2;

  private AckingWriter() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path dataDir = Path.of(args[0]);
    boolean sync = args.length < 2 || !args[1].equals("nosync");
    Vertx vertx = Vertx.vertx();
    EmbeddedMongo mongo = EmbeddedMongo.startH2(dataDir);
    DocumentStore store =
        new MongoDocumentStore(
            vertx, MongoClients.create(mongo.connectionString()), "collab",
            sync ? mongo.durability(vertx) : Durability.NONE, "writer", mongo::stop);
    exitWhenOrphaned();
    vertx.runOnContext(start -> commitFrom(store, 0, null, out));
  }

  /** Never outlive the test: its end closes our stdin; and a minute is far more than it needs. */
  private static void exitWhenOrphaned() {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // the test never writes to us
                }
              } catch (IOException e) {
                // closed: same as end of input
              }
              Runtime.getRuntime().halt(2);
            });
    watchdog.setDaemon(true);
    watchdog.start();
    Thread limit =
        new Thread(
            () -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(3);
            });
    limit.setDaemon(true);
    limit.start();
  }

  private static void commitFrom(
      DocumentStore store, long version, String previousOpId, PrintStream out) {
    String first = new ObjectId().toHexString();
    String second = new ObjectId().toHexString();
    List<StoredOp> group =
        List.of(
            withIds(expectedOp(version), first, previousOpId),
            withIds(expectedOp(version + 1), second, first));
    Future<Void> committed = store.commit(DocumentStoreContract.DOCS, group);
    committed.onComplete(
        result -> {
          if (result.failed()) {
            out.println("FAILED " + result.cause());
            return;
          }
          for (int i = 0; i < GROUP; i++) {
            out.println("ACK " + (version + i));
          }
          commitFrom(store, version + GROUP, second, out);
        });
  }

  static StoredOp withIds(StoredOp op, String opId, String previousOpId) {
    return new StoredOp(
        opId, op.docId(), op.version(), op.src(), op.seq(), op.op(), op.createType(),
        op.createData(), op.deleted(), op.deletedData(), op.timestamp(), previousOpId, op.userId());
  }

  /** What version {@code v} holds, so the test can check every acknowledged op's content. */
  static StoredOp expectedOp(long version) {
    return version == 0
        ? StoreFixtures.createOp(DOC, 0, "start\n", null, null)
        : StoreFixtures.editOp(DOC, version, "op " + version + " ✓ ", null, null);
  }
}
