package org.policycollab.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policycollab.json.Json;
import org.policycollab.store.StoreOptions;
import org.policycollab.store.Stores;

/** The owner's pipeline through its event-bus address: grouping, versions, dedup, reload. */
@ExtendWith(VertxExtension.class)
class DocumentPipelineTest {
  private CountingStore store;
  private String hub;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    store = new CountingStore(vertx, await(Stores.open(vertx, new StoreOptions(null, Path.of("unused"), true))), 40);
    hub = await(vertx.deployVerticle(new DocumentHub(store, Limits.DEFAULT)));
  }

  @AfterEach
  void undeploy(Vertx vertx) throws Exception {
    await(vertx.undeploy(hub));
    await(store.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Future<ObjectNode> request(Vertx vertx, ObjectNode body) {
    return vertx.eventBus()
        .<ObjectNode>request(DocumentBus.REQUESTS, body)
        .map(reply -> reply.body());
  }

  private static ObjectNode submit(String doc, Long version, String src, long seq, String insert) {
    ObjectNode body = Json.object().put("user", "tester").put("admin", true).put("action", "submit").put("c", "docs").put("d", doc);
    body.put("v", version).put("src", src).put("seq", seq);
    body.putObject("op").putArray("ops").addObject().put("insert", insert);
    return body;
  }

  private static ObjectNode create(String doc) {
    ObjectNode body = Json.object().put("user", "tester").put("admin", true).put("action", "submit").put("c", "docs").put("d", doc);
    body.putNull("v");
    body.put("src", "creator").put("seq", 1);
    body.putObject("create").putArray("ops").addObject().put("insert", "\n");
    return body;
  }

  @Test
  @DisplayName("ops arriving while a write is in flight are committed together, in one write")
  void groupCommit(Vertx vertx) throws Exception {
    assertThat(await(request(vertx, create("g"))).path("v").asLong()).isZero();
    List<Future<ObjectNode>> replies = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      replies.add(request(vertx, submit("g", 1L, "author-" + i, 1, "x")));
    }
    List<Long> versions = new ArrayList<>();
    for (Future<ObjectNode> reply : replies) {
      ObjectNode answer = await(reply);
      assertThat(answer.has("error")).as("%s", answer).isFalse();
      versions.add(answer.path("v").asLong());
    }
    assertThat(versions).doesNotHaveDuplicates().allMatch(v -> v >= 1 && v <= 30);
    // The create, then the first op alone while the others queue behind it, then at most a few groups.
    assertThat(store.commitSizes).hasSizeLessThanOrEqualTo(5);
    assertThat(store.commitSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(31);
  }

  @Test
  @DisplayName("a resend in the same group as its original is acknowledged once and applied once")
  void dedupWithinAGroup(Vertx vertx) throws Exception {
    await(request(vertx, create("d")));
    Future<ObjectNode> first = request(vertx, submit("d", 1L, "s", 5, "a"));
    Future<ObjectNode> resend = request(vertx, submit("d", 1L, "s", 5, "a"));
    assertThat(await(first).path("v").asLong()).isEqualTo(1);
    assertThat(await(resend).path("v").asLong()).isEqualTo(1);
    ObjectNode fetch = Json.object().put("user", "tester").put("admin", true).put("action", "fetch").put("c", "docs").put("d", "d");
    ObjectNode snapshot = (ObjectNode) await(request(vertx, fetch)).get("snapshot");
    assertThat(snapshot.path("v").asLong()).isEqualTo(2);
    assertThat(snapshot.path("data").toString()).isEqualTo("{\"ops\":[{\"insert\":\"a\\n\"}]}");
  }

  @Test
  @DisplayName("a refused op in a group leaves the others and the document intact")
  void refusalInAGroup(Vertx vertx) throws Exception {
    await(request(vertx, create("r")));
    ObjectNode tooFar = Json.object().put("user", "tester").put("admin", true).put("action", "submit").put("c", "docs").put("d", "r");
    tooFar.put("v", 1).put("src", "bad").put("seq", 1);
    tooFar.putObject("op").putArray("ops").addObject().put("retain", 50);
    ((com.fasterxml.jackson.databind.node.ArrayNode) tooFar.get("op").get("ops")).addObject().put("insert", "z");
    Future<ObjectNode> good = request(vertx, submit("r", 1L, "good", 1, "ok"));
    Future<ObjectNode> bad = request(vertx, tooFar);
    assertThat(await(good).has("error")).isFalse();
    assertThat(await(bad).path("error").path("code").asText()).isEqualTo("ERR_OT_OP_NOT_APPLIED");
    ObjectNode fetch = Json.object().put("user", "tester").put("admin", true).put("action", "fetch").put("c", "docs").put("d", "r");
    ObjectNode snapshot = (ObjectNode) await(request(vertx, fetch)).get("snapshot");
    assertThat(snapshot.path("data").toString()).isEqualTo("{\"ops\":[{\"insert\":\"ok\\n\"}]}");
  }
}
