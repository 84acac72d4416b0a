package org.policycollab.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policycollab.json.Json;
import org.policycollab.store.Snapshot;
import org.policycollab.store.StoreOptions;
import org.policycollab.store.Stores;

/** An idle document is saved and dropped from memory; the next request loads it from the store. */
@ExtendWith(VertxExtension.class)
class IdleUnloadTest {

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static ObjectNode request(Vertx vertx, ObjectNode body) throws Exception {
    return await(vertx.eventBus().<ObjectNode>request(DocumentBus.REQUESTS, body).map(r -> r.body()));
  }

  @Test
  @DisplayName("an idle document is saved, unloaded, and loaded again with everything in it")
  void idleDocumentsAreUnloaded(Vertx vertx) throws Exception {
    CountingStore store = new CountingStore(vertx, await(Stores.open(vertx, new StoreOptions(null, Path.of("unused"), true))), 1);
    String hub = await(vertx.deployVerticle(new DocumentHub(store, Limits.DEFAULT, 200)));
    try {
      ObjectNode create = Json.object().put("user", "tester").put("admin", true).put("action", "submit").put("c", "docs").put("d", "idle");
      create.putNull("v");
      create.put("src", "a").put("seq", 1);
      create.putObject("create").putArray("ops").addObject().put("insert", "kept\n");
      assertThat(request(vertx, create).has("error")).isFalse();
      int readsWhileLoaded = store.snapshotReads.get();

      // Saved on unload: the stored snapshot catches up with the op log (it is written behind it).
      Snapshot saved = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((saved == null || saved.version() < 1) && System.nanoTime() < deadline) {
        saved = await(store.snapshot("docs", "idle"));
      }
      assertThat(saved.version()).isEqualTo(1);

      // Dropped from memory: the hub no longer lists it among its live documents. (Asking the hub, not the
      // document: a fetch now would count as activity and keep it loaded.)
      ObjectNode summary = Json.object().put("action", "summary");
      long unloadDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (request(vertx, summary).path("docs").size() > 0 && System.nanoTime() < unloadDeadline) {
        Thread.onSpinWait();
      }
      assertThat(request(vertx, summary).path("docs").size()).as("unloaded").isZero();

      ObjectNode fetch = Json.object().put("user", "tester").put("admin", true).put("action", "fetch").put("c", "docs").put("d", "idle");
      int before = store.snapshotReads.get();
      ObjectNode snapshot = (ObjectNode) request(vertx, fetch).get("snapshot");
      assertThat(store.snapshotReads.get()).as("loaded again from the store").isGreaterThan(before);
      assertThat(before).isGreaterThanOrEqualTo(readsWhileLoaded);
      assertThat(snapshot.path("v").asLong()).isEqualTo(1);
      assertThat(snapshot.path("data").toString()).isEqualTo("{\"ops\":[{\"insert\":\"kept\\n\"}]}");
    } finally {
      await(vertx.undeploy(hub));
      await(store.close());
    }
  }
}
