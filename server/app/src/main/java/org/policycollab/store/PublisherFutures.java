package org.policycollab.store;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Reactive-streams publishers of the Mongo driver as Vert.x futures. The driver signals on its own
 * threads; every future made here completes on the given context instead, so the code composed on it
 * runs where the caller expects (its event loop) and never races with it.
 */
final class PublisherFutures {
  private PublisherFutures() {}

  /** Everything the publisher emits. */
  static <T> Future<List<T>> all(Publisher<T> publisher, Context context) {
    Promise<List<T>> promise = Promise.promise();
    publisher.subscribe(new Collector<>(promise, context));
    return promise.future();
  }

  /** The first item, or {@code null} when the publisher completes empty. */
  static <T> Future<T> first(Publisher<T> publisher, Context context) {
    return all(publisher, context).map(items -> items.isEmpty() ? null : items.get(0));
  }

  /** The same outcome as {@code future}, delivered on {@code context}. */
  static <T> Future<T> on(Context context, Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(result -> deliver(context, promise, result));
    return promise.future();
  }

  private static <T> void deliver(Context context, Promise<T> promise, AsyncResult<T> result) {
    context.runOnContext(ignored -> promise.handle(result));
  }

  private static final class Collector<T> implements Subscriber<T> {
    private final Promise<List<T>> promise;
    private final Context context;
    // Reactive streams signal serially, each signal happening-before the next: no locking needed.
    private final List<T> items = new ArrayList<>();

    Collector(Promise<List<T>> promise, Context context) {
      this.promise = promise;
      this.context = context;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(T item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable error) {
      deliver(context, promise, Future.failedFuture(error));
    }

    @Override
    public void onComplete() {
      deliver(context, promise, Future.succeededFuture(items));
    }
  }
}
