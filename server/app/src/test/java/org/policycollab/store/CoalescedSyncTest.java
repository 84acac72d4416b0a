package org.policycollab.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CoalescedSyncTest {
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicBoolean failNext = new AtomicBoolean();

  /** A stand-in for flush + fsync: slow enough that commits pile up behind it. */
  private void slowSync() {
    started.incrementAndGet();
    try {
      Thread.sleep(30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    finished.incrementAndGet();
    if (failNext.getAndSet(false)) {
      throw new IllegalStateException("disk full");
    }
  }

  @Test
  @DisplayName("fifty concurrent commits share about two syncs, each waiting for one begun after it")
  void coalesces(Vertx vertx, VertxTestContext test) {
    CoalescedSync durability = new CoalescedSync(vertx, this::slowSync);
    List<Future<Void>> waits = new ArrayList<>();
    vertx.runOnContext(start -> {
      for (int i = 0; i < 50; i++) {
        int startedBefore = started.get();
        // Covered only by a sync that began after the call: the (startedBefore + 1)-th.
        waits.add(durability.afterCommit().andThen(done ->
            assertThat(finished.get()).isGreaterThan(startedBefore)));
      }
      StoreFixtures.check(test, Future.all(waits), all -> assertThat(started.get()).isBetween(1, 3));
    });
  }

  @Test
  @DisplayName("a failed sync fails the commits waiting for it, and the next sync runs anew")
  void failureIsReported(Vertx vertx, VertxTestContext test) {
    CoalescedSync durability = new CoalescedSync(vertx, this::slowSync);
    failNext.set(true);
    Future<Throwable> failed =
        durability.afterCommit().transform(result -> Future.succeededFuture(result.cause()));
    StoreFixtures.check(test, failed.compose(error -> durability.afterCommit().map(error)), error -> {
      assertThat(error).hasMessage("disk full");
      assertThat(started.get()).isEqualTo(2);
    });
  }
}
