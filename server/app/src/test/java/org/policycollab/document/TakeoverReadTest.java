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
 * A document taken over from a node that is still committing what it had queued: the new owner loaded
 * its copy before that last commit. Reads of a document taken over check the store first for a while,
 * so a fresh client never gets a copy without an op that was acknowledged.
 */
@ExtendWith(VertxExtension.class)
class TakeoverReadTest {
  private static final Caller ADMIN = new Caller("tester", true);

  private static <T> T onContext(Context context, Supplier<Future<T>> work) throws Exception {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(result));
    return result.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Submission edit(long version, String src, long seq, String text) {
    ObjectNode op = Json.object();
    op.putArray("ops").addObject().put("insert", text);
    return new Submission(version, src, seq, DeltaJson.read(op), null, false, "tester", Promise.promise(), 0);
  }

  @Test
  @DisplayName("a document taken over reads what its previous owner committed after the new owner loaded it")
  void readsThePreviousOwnersLastCommit(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    DocumentStore store = onContext(context, () -> Stores.open(vertx, new StoreOptions(null, Path.of("unused"), true)));
    Fanout fanout = new Fanout(vertx.eventBus(), Membership.single());
    DocumentOwner previous = new DocumentOwner("docs", "moved", store, fanout, Limits.DEFAULT, System::currentTimeMillis);
    ObjectNode create = Json.object();
    create.putArray("ops").addObject().put("insert", "start\n");
    Submission created = new Submission(-1, "tester:a", 1, null, DeltaJson.read(create), false, "tester", Promise.promise(), 0);
    assertThat(onContext(context, () -> previous.submit(created, ADMIN))).isInstanceOf(Submission.Accepted.class);

    DocumentOwner unchecked = new DocumentOwner("docs", "moved", store, fanout, Limits.DEFAULT, System::currentTimeMillis);
    DocumentOwner takenOver = new DocumentOwner("docs", "moved", store, fanout, Limits.DEFAULT, System::currentTimeMillis);
    takenOver.checkStoreFor(15_000);
    assertThat(onContext(context, () -> unchecked.fetch(ADMIN)).path("v").asLong()).isEqualTo(1);
    assertThat(onContext(context, () -> takenOver.fetch(ADMIN)).path("v").asLong()).isEqualTo(1);

    // The previous owner commits (and acknowledges) one more op from its queue.
    assertThat(onContext(context, () -> previous.submit(edit(1, "tester:a", 2, "acked "), ADMIN)))
        .isInstanceOf(Submission.Accepted.class);

    assertThat(onContext(context, () -> unchecked.fetch(ADMIN)).path("v").asLong())
        .as("without the check, the copy loaded before the last commit is served").isEqualTo(1);
    ObjectNode fresh = onContext(context, () -> takenOver.fetch(ADMIN));
    assertThat(fresh.path("v").asLong()).isEqualTo(2);
    assertThat(fresh.path("data").toString()).contains("acked start");
    onContext(context, store::close);
  }
}
