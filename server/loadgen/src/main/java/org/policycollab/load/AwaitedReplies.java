package org.policycollab.load;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection's requests still waiting for their reply: ops by {@code seq}, fetches and subscribes by
 * action and document, pings in order. Each fails as a timeout when no reply comes in time; taking one
 * stops its clock. Confined, like its connection, to one event loop.
 */
final class AwaitedReplies {
  /** An op sent at {@code sentNanos}, waiting for its ack. */
  record AwaitedOp(long sentNanos, Promise<ShareDbConnection.Ack> promise) {}

  private record Awaited<T>(T request, long timer) {}

  private final Vertx vertx;
  private final long timeoutMillis;
  private final Map<Long, Awaited<AwaitedOp>> ops = new HashMap<>();
  private final Map<String, Awaited<Promise<ShareDbConnection.Snapshot>>> reads = new HashMap<>();
  private final Map<Long, Awaited<Promise<Void>>> pings = new LinkedHashMap<>();
  private long pingsSent;

  AwaitedReplies(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
  }

  void op(long seq, AwaitedOp op, String what) {
    ops.put(seq, new Awaited<>(op, expire(op.promise(), what, () -> ops.remove(seq))));
  }

  /** The op with this {@code seq}, or null when none waits (it timed out, or is not this connection's). */
  AwaitedOp takeOp(long seq) {
    return take(ops.remove(seq));
  }

  /** False when the same read already waits: its reply could not be told apart. */
  boolean read(String key, Promise<ShareDbConnection.Snapshot> promise, String what) {
    if (reads.containsKey(key)) {
      return false;
    }
    reads.put(key, new Awaited<>(promise, expire(promise, what, () -> reads.remove(key))));
    return true;
  }

  Promise<ShareDbConnection.Snapshot> takeRead(String key) {
    return take(reads.remove(key));
  }

  void ping(Promise<Void> promise) {
    long number = pingsSent++;
    pings.put(number, new Awaited<>(promise, expire(promise, "ping", () -> pings.remove(number))));
  }

  /** The oldest ping: the server answers them in order. */
  Promise<Void> takePing() {
    Iterator<Long> oldest = pings.keySet().iterator();
    return oldest.hasNext() ? take(pings.remove(oldest.next())) : null;
  }

  /** Fails everything still waiting: the connection closed under it. */
  void failAll(LoadError why) {
    List<Promise<?>> cutOff = new ArrayList<>();
    for (Iterator<Awaited<AwaitedOp>> it = ops.values().iterator(); it.hasNext(); ) {
      cutOff.add(take(it.next()).promise());
      it.remove();
    }
    reads.values().forEach(read -> cutOff.add(take(read)));
    reads.clear();
    pings.values().forEach(ping -> cutOff.add(take(ping)));
    pings.clear();
    cutOff.forEach(promise -> promise.tryFail(why));
  }

  private <T> T take(Awaited<T> awaited) {
    if (awaited == null) {
      return null;
    }
    vertx.cancelTimer(awaited.timer());
    return awaited.request();
  }

  private long expire(Promise<?> promise, String what, Runnable forget) {
    return vertx.setTimer(timeoutMillis, id -> {
      forget.run();
      promise.tryFail(new LoadError(LoadError.TIMEOUT, "no reply to " + what + " within " + timeoutMillis / 1_000 + " s"));
    });
  }
}
