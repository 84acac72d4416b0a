package org.policycollab.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policycollab.json.Json;
import org.policycollab.store.DocumentStore;
import org.policycollab.store.StoreOptions;
import org.policycollab.store.Stores;

/**
 * A freshly loaded document keeps only the ops after its snapshot. Two requests that need older ops at
 * the same time (a subscriber catching up from one version, a submission based on an older one) each
 * read them from the store; whichever read lands second must still get the document back to its version.
 */
@ExtendWith(VertxExtension.class)
class OverlappingReadsTest {

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Future<ObjectNode> request(Vertx vertx, ObjectNode body) {
    return vertx.eventBus().<ObjectNode>request(DocumentBus.REQUESTS, body).map(reply -> reply.body());
  }

  private static ObjectNode submit(long version, String src, long seq, String insert) {
    ObjectNode body = Json.object().put("user", "tester").put("admin", true).put("action", "submit").put("c", "docs").put("d", "old");
    body.put("v", version).put("src", src).put("seq", seq);
    body.putObject("op").putArray("ops").addObject().put("insert", insert);
    return body;
  }

  @Test
  @DisplayName("a catch-up read and an older submission, overlapping after a reload, are both served")
  void overlappingReads(Vertx vertx) throws Exception {
    DocumentStore store = await(Stores.open(vertx, new StoreOptions(null, Path.of("unused"), true)));
    try {
      // A first hub writes 20 edits; stopping it saves the snapshot at version 21.
      String first = await(vertx.deployVerticle(new DocumentHub(store, Limits.DEFAULT)));
      ObjectNode create = Json.object().put("user", "tester").put("admin", true).put("action", "submit").put("c", "docs").put("d", "old");
      create.putNull("v");
      create.put("src", "creator").put("seq", 1);
      create.putObject("create").putArray("ops").addObject().put("insert", "\n");
      assertThat(await(request(vertx, create)).has("error")).isFalse();
      for (int i = 1; i <= 20; i++) {
        assertThat(await(request(vertx, submit(i, "writer", i, "w"))).has("error")).isFalse();
      }
      await(vertx.undeploy(first));
      assertThat(await(store.snapshot("docs", "old")).version()).isEqualTo(21);

      // A second hub loads it fresh; both requests need ops from before the snapshot, at once.
      String second = await(vertx.deployVerticle(new DocumentHub(store, Limits.DEFAULT)));
      Future<ObjectNode> catchUp = request(vertx, Json.object().put("user", "tester").put("admin", true).put("action", "ops").put("c", "docs").put("d", "old").put("from", 15));
      Future<ObjectNode> late = request(vertx, submit(5, "late", 1, "L"));
      ObjectNode ops = await(catchUp);
      ObjectNode accepted = await(late);
      assertThat(ops.path("ops")).hasSize(6);
      assertThat(accepted.has("error")).as("%s", accepted).isFalse();
      assertThat(accepted.path("v").asLong()).isEqualTo(21);
      assertThat(accepted.path("missed")).hasSize(16); // versions 5 to 20, which the late author had not seen
      await(vertx.undeploy(second));
    } finally {
      await(store.close());
    }
  }
}
