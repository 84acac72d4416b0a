package org.policycollab.store;

import io.vertx.core.Future;

/**
 * What a commit waits for after its write succeeded and before it is acknowledged: the point from
 * which the ops survive a crash.
 */
@FunctionalInterface
public interface Durability {

  /** The write was durable already: an external MongoDB with journaled majority writes. */
  Durability NONE = Future::succeededFuture;

  /** Completes once every write acknowledged before the call is durable. */
  Future<Void> afterCommit();
}
