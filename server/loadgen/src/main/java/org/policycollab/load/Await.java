package org.policycollab.load;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking waits for the workloads' own thread (never an event loop), each with a limit. */
final class Await {
  private Await() {}

  /** The future's result; its failure rethrown, or a {@link LoadError} of kind timeout after {@code millis}. */
  static <T> T result(Future<T> future, long millis, String what) throws InterruptedException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new LoadError(LoadError.TIMEOUT, what + ": nothing within " + millis / 1_000.0 + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw new LoadError(LoadError.kindOf(cause), what + ": " + cause);
    }
  }

  static <T> T reply(Future<T> future, String what) throws InterruptedException {
    return result(future, ShareDbConnection.REPLY_TIMEOUT_MS + 5_000, what);
  }
}
