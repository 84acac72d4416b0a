package org.policycollab.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Makes writes durable with a blocking sync (flush and fsync) run on a worker thread, shared by every
 * commit that needs it. A caller arriving while a sync runs cannot be covered by it (its write may have
 * landed after the flush began), so it waits for the next one; all callers arriving meanwhile share that
 * next sync. Fifty concurrent commits therefore cost about two syncs, not fifty.
 */
final class CoalescedSync implements Durability {
  private final Vertx vertx;
  private final Runnable blockingSync;

  // Guarded by this. running: the sync in progress, if any; next: the waiters for the one after it.
  private Promise<Void> running;
  private Promise<Void> next;

  CoalescedSync(Vertx vertx, Runnable blockingSync) {
    this.vertx = vertx;
    this.blockingSync = blockingSync;
  }

  @Override
  public Future<Void> afterCommit() {
    Promise<Void> start;
    Future<Void> result;
    synchronized (this) {
      if (running != null) {
        if (next == null) {
          next = Promise.promise();
        }
        return next.future();
      }
      running = Promise.promise();
      start = running;
      result = running.future();
    }
    run(start);
    return result;
  }

  private void run(Promise<Void> sync) {
    vertx
        .<Void>executeBlocking(
            () -> {
              blockingSync.run();
              return null;
            },
            false)
        .onComplete(
            outcome -> {
              Promise<Void> following;
              synchronized (this) {
                following = next;
                next = null;
                running = following;
              }
              if (following != null) {
                run(following);
              }
              sync.handle(outcome);
            });
  }
}
