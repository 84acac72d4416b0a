package org.policycollab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policycollab.store.StoreFixtures.createOp;
import static org.policycollab.store.StoreFixtures.richText;

import com.mongodb.reactivestreams.client.MongoClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({VertxExtension.class, QuietDriverLogs.class})
class StoresTest {
  private static final String DOCS = "docs";

  @TempDir Path dir;

  @Test
  @DisplayName("the embedded store keeps ops and snapshots across a restart, in a directory it creates")
  void embeddedKeepsData(Vertx vertx, VertxTestContext test) {
    StoreOptions options = new StoreOptions(null, dir.resolve("data"), false);
    Future<Snapshot> reread =
        Stores.open(vertx, options)
            .compose(store -> {
              assertThat(store.description())
                  .isEqualTo(
                      "embedded MongoDB-wire store (H2) in " + dir.resolve("data").toAbsolutePath());
              return store.commit(DOCS, List.of(createOp("kept", 0, "x\n", null, null)))
                  .compose(done -> store.saveSnapshot(DOCS, richText("kept", 1, "x\n")))
                  .eventually(store::close);
            })
            .compose(closed -> Stores.open(vertx, options))
            .compose(store -> store.ops(DOCS, "kept", 0, Long.MAX_VALUE)
                .map(ops -> {
                  assertThat(ops).hasSize(1);
                  return ops;
                })
                .compose(ops -> store.snapshot(DOCS, "kept"))
                .eventually(store::close));
    StoreFixtures.check(
        test, reread, snapshot -> assertThat(snapshot).isEqualTo(richText("kept", 1, "x\n")));
  }

  @Test
  @DisplayName("the in-memory store says it keeps nothing, and works")
  void inMemory(Vertx vertx, VertxTestContext test) {
    Future<String> description =
        Stores.open(vertx, new StoreOptions(null, dir, true))
            .compose(store -> store.ping().map(pong -> store.description()).eventually(store::close));
    StoreFixtures.check(
        test, description, text -> assertThat(text).isEqualTo("in-memory store (nothing kept)"));
  }

  @Test
  @DisplayName("an external MongoDB is named by database and hosts, never by its credentials")
  void external(Vertx vertx, VertxTestContext test) throws Exception {
    EmbeddedMongo server = vertx.executeBlocking(EmbeddedMongo::startInMemory)
        .toCompletionStage().toCompletableFuture().get();
    String hostPort = server.connectionString().substring("mongodb://".length());
    Future<String> described =
        Stores.open(
                vertx, new StoreOptions("mongodb://ana:s3cret@" + hostPort + "/policies", dir, false))
            .compose(store -> store.close().map(store.description()))
            .compose(withCredentials -> {
              assertThat(withCredentials).isEqualTo("MongoDB policies at " + hostPort);
              MongoDocumentStore direct = new MongoDocumentStore(
                  vertx, MongoClients.create("mongodb://" + hostPort), "direct", Durability.NONE);
              assertThat(direct.description()).isEqualTo("MongoDB direct at " + hostPort);
              return direct.close();
            })
            .compose(closed -> Stores.open(vertx, new StoreOptions("mongodb://" + hostPort, dir, false)))
            .compose(store -> store.commit(DOCS, List.of(createOp("ext", 0, "x\n", null, null)))
                .map(store.description())
                .eventually(store::close))
            .eventually(() -> vertx.executeBlocking(() -> {
              server.stop();
              return null;
            }));
    StoreFixtures.check(
        test, described, text -> assertThat(text).isEqualTo("MongoDB collab at " + hostPort));
  }
}
