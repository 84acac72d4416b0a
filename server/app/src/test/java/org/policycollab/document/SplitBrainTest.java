package org.policycollab.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policycollab.json.Json;
import org.policycollab.store.DocumentStore;
import org.policycollab.store.StoreOptions;
import org.policycollab.store.Stores;

/**
 * A split brain: two hubs each believe they own the same document and commit to one store. The event bus
 * hands the requests to them in turn, so every commit of one makes the other's copy stale. The commit
 * guard lets one commit win each version; the other reloads and transforms again. Every submission is
 * acknowledged, applied once, and the versions have no holes.
 */
@ExtendWith(VertxExtension.class)
class SplitBrainTest {
  private static final Pattern MARKER = Pattern.compile("\\[(\\w+)]");

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static Future<ObjectNode> request(Vertx vertx, ObjectNode body) {
    return vertx.eventBus().<ObjectNode>request(DocumentBus.REQUESTS, body).map(reply -> reply.body());
  }

  @Test
  @DisplayName("two owners of one document: one commit wins each version, nothing is lost or applied twice")
  void twoOwners(Vertx vertx) throws Exception {
    DocumentStore store = await(Stores.open(vertx, new StoreOptions(null, Path.of("unused"), true)));
    // Two hubs on one address: the event bus alternates between them, each with its own copy of the document.
    String first = await(vertx.deployVerticle(new DocumentHub(store, Limits.DEFAULT)));
    String second = await(vertx.deployVerticle(new DocumentHub(store, Limits.DEFAULT)));
    try {
      ObjectNode create = Json.object().put("user", "tester").put("admin", true).put("action", "submit").put("c", "docs").put("d", "split");
      create.putNull("v");
      create.put("src", "creator").put("seq", 1);
      create.putObject("create").putArray("ops").addObject().put("insert", "\n");
      assertThat(await(request(vertx, create)).has("error")).isFalse();

      // Three authors, each sending its next op once the previous one is acknowledged, based on what it knew.
      List<Future<Void>> authors = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (String author : List.of("a", "b", "c")) {
        authors.add(write(vertx, author, 1, 1, 20, errors));
      }
      for (Future<Void> done : authors) {
        await(done);
      }
      assertThat(errors).isEmpty();

      ObjectNode fetch = Json.object().put("user", "tester").put("admin", true).put("action", "fetch").put("c", "docs").put("d", "split");
      // Ask both: the one with a stale copy still answers what it has, so read the store's truth too.
      var stored = await(store.snapshot("docs", "split").compose(
          snapshot -> store.ops("docs", "split", snapshot.version(), Long.MAX_VALUE).map(ops -> snapshot.version() + ops.size())));
      assertThat(stored).as("the create and 60 edits, in versions without holes").isEqualTo(61);
      ObjectNode snapshot = (ObjectNode) await(request(vertx, fetch)).get("snapshot");
      ObjectNode again = (ObjectNode) await(request(vertx, fetch)).get("snapshot");
      ObjectNode latest = snapshot.path("v").asLong() >= again.path("v").asLong() ? snapshot : again;
      assertThat(latest.path("v").asLong()).isEqualTo(61);
      List<String> markers = new ArrayList<>();
      Matcher matcher = MARKER.matcher(latest.path("data").toString());
      while (matcher.find()) {
        markers.add(matcher.group(1));
      }
      assertThat(markers).hasSize(60).doesNotHaveDuplicates();
    } finally {
      await(vertx.undeploy(second));
      await(vertx.undeploy(first));
      await(store.close());
    }
  }

  /** Sends author's ops {@code seq..last}, each inserting {@code [author seq]} at the start. */
  private static Future<Void> write(Vertx vertx, String author, long version, long seq, long last, List<String> errors) {
    if (seq > last) {
      return Future.succeededFuture();
    }
    ObjectNode submit = Json.object().put("user", "tester").put("admin", true).put("action", "submit").put("c", "docs").put("d", "split");
    submit.put("v", version).put("src", author).put("seq", seq);
    submit.putObject("op").putArray("ops").addObject().put("insert", "[" + author + seq + "]");
    return request(vertx, submit).compose(reply -> {
      if (reply.has("error")) {
        errors.add(author + seq + ": " + reply.get("error"));
        return Future.succeededFuture();
      }
      return write(vertx, author, reply.path("v").asLong() + 1, seq + 1, last, errors);
    });
  }
}
