package org.policycollab.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.policycollab.access.Caller;
import org.policycollab.cluster.Membership;
import org.policycollab.json.Json;
import org.policycollab.ot.DeltaJson;
import org.policycollab.store.DocumentStore;
import org.policycollab.store.StoreOptions;
import org.policycollab.store.Stores;

/**
 * An owner told to save its document (the cluster handed the document to another node, or the node
 * stops) while a group commit is in flight: its copy holds ops that are not durable and may yet lose
 * their versions to another owner. Saving that copy as the snapshot would hide the winner's ops from
 * every later load (an acknowledged op missing: found by the rolling-restart test). The owner saves
 * only what is committed.
 */
@ExtendWith(VertxExtension.class)
class FlushDuringCommitTest {
  private static final Caller ADMIN = new Caller("tester", true);

  private static <T> T onContext(Context context, Supplier<Future<T>> work) throws Exception {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(result));
    return result.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Submission edit(long version, String src, String text) {
    ObjectNode op = Json.object();
    op.putArray("ops").addObject().put("insert", text);
    return new Submission(version, src, 1, DeltaJson.read(op), null, false, "tester", Promise.promise(), 0);
  }

  @Test
  @DisplayName("a snapshot saved while a commit is in flight never holds ops that were not committed")
  void flushDuringCommit(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    DocumentStore store = onContext(context, () -> Stores.open(vertx, new StoreOptions(null, Path.of("unused"), true)));
    Fanout fanout = new Fanout(vertx.eventBus(), Membership.single());
    ObjectNode create = Json.object();
    create.putArray("ops").addObject().put("insert", "start\n");
    DocumentOwner first = new DocumentOwner("docs", "held", store, fanout, Limits.DEFAULT, System::currentTimeMillis);
    onContext(context, () -> first.submit(
        new Submission(-1, "tester:c", 1, null, DeltaJson.read(create), false, "tester", Promise.promise(), 0), ADMIN));

    // The slow owner's commit is held back; meanwhile the other owner commits the same version.
    DocumentOwner slow = new DocumentOwner("docs", "held", new CountingStore(vertx, store, 500), fanout, Limits.DEFAULT,
        System::currentTimeMillis);
    DocumentOwner fast = new DocumentOwner("docs", "held", store, fanout, Limits.DEFAULT, System::currentTimeMillis);
    onContext(context, () -> slow.fetch(ADMIN));
    onContext(context, () -> fast.fetch(ADMIN));
    Promise<Submission.Outcome> slowOutcome = Promise.promise();
    context.runOnContext(v -> slow.submit(edit(1, "tester:slow", "[slow]"), ADMIN).onComplete(slowOutcome));
    assertThat(onContext(context, () -> fast.submit(edit(1, "tester:fast", "[fast]"), ADMIN))).isInstanceOf(Submission.Accepted.class);
    onContext(context, slow::flush); // handed off with its commit in flight
    assertThat(slowOutcome.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
        .as("the slow op is retried over the fast one and committed").isInstanceOf(Submission.Accepted.class);

    DocumentOwner fresh = new DocumentOwner("docs", "held", store, fanout, Limits.DEFAULT, System::currentTimeMillis);
    String text = onContext(context, () -> fresh.fetch(ADMIN)).path("data").toString();
    assertThat(text).contains("[fast]");
    assertThat(text.split("\\[slow]", -1)).as("[slow] once in %s", text).hasSize(2);
    onContext(context, store::close);
  }
}
