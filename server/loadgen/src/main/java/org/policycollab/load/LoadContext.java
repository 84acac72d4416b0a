package org.policycollab.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * What a workload runs with: one Vert.x whose event loops carry every connection, the signed-in
 * server, the error tally and where to print progress. Workloads block only their own thread here.
 */
final class LoadContext {
  /**
   * Connections opened together, by the index they were asked for ({@code null} where one failed);
   * {@code elapsedNanos} runs from the first connect to the last reply.
   */
  record Opened(List<ShareDbConnection> byIndex, long elapsedNanos) {
    List<ShareDbConnection> open() {
      return byIndex.stream().filter(java.util.Objects::nonNull).toList();
    }
  }

  private final Vertx vertx;
  private final EventLoops loops;
  private final WebSocketClient client;
  private final Target target;
  private final Tally tally;
  private final PrintStream out;

  LoadContext(Vertx vertx, EventLoops loops, WebSocketClient client, Target target, Tally tally, PrintStream out) {
    this.vertx = vertx;
    this.loops = loops;
    this.client = client;
    this.target = target;
    this.tally = tally;
    this.out = out;
  }

  Tally tally() {
    return tally;
  }

  PrintStream out() {
    return out;
  }

  /** Opens a connection on the next event loop in turn. */
  Future<ShareDbConnection> connect() {
    Promise<ShareDbConnection> opened = Promise.promise();
    loops.next().runOnContext(v -> ShareDbConnection.open(vertx, client, target, tally).onComplete(opened));
    return opened.future();
  }

  ShareDbConnection connectNow() throws InterruptedException {
    return Await.reply(connect(), "open a connection");
  }

  /**
   * Creates {@code count} documents of {@code length} characters of prose, all from one connection
   * (whose person becomes their manager), and returns their ids; each is then at version 1.
   */
  List<String> createDocs(String prefix, int count, int length) throws InterruptedException {
    ShareDbConnection creator = connectNow();
    try {
      java.util.Random random = new java.util.Random();
      List<String> ids = new ArrayList<>();
      List<Future<ShareDbConnection.Ack>> creates = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String id = Edits.freshDocId(prefix);
        ids.add(id);
        creates.add(creator.create(id, Edits.prose(length, random)));
      }
      Await.reply(Future.all(creates), "create " + count + " documents");
      return ids;
    } finally {
      closeAll(List.of(creator));
    }
  }

  /**
   * Opens {@code count} connections, at most {@code concurrency} at a time, each subscribing to {@code
   * docFor.apply(i)} when that is not null. Failures are counted; {@code openLatency} gets
   * each one's time from connect to subscribe reply.
   */
  Opened openMany(int count, int concurrency, IntFunction<String> docFor, Latencies openLatency)
      throws InterruptedException {
    Semaphore permits = new Semaphore(concurrency);
    CountDownLatch finished = new CountDownLatch(count);
    AtomicReferenceArray<ShareDbConnection> opened = new AtomicReferenceArray<>(count);
    AtomicLong lastReply = new AtomicLong();
    long waitMillis = ShareDbConnection.REPLY_TIMEOUT_MS * 2 + 10_000;
    long first = System.nanoTime();
    for (int i = 0; i < count; i++) {
      // Every open ends within its own timeouts, so a permit always comes back.
      if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
        throw new LoadError(LoadError.TIMEOUT, "opening connections stalled at " + i + " of " + count);
      }
      int index = i;
      long start = System.nanoTime();
      String docId = docFor == null ? null : docFor.apply(i);
      connect()
          .compose(connection -> {
            opened.set(index, connection);
            return docId == null ? Future.succeededFuture() : connection.subscribe(docId);
          })
          .onComplete(done -> {
            long now = System.nanoTime();
            if (done.succeeded()) {
              openLatency.recordNanos(now - start);
              lastReply.accumulateAndGet(now, Math::max);
            } else {
              tally.record(done.cause());
            }
            permits.release();
            finished.countDown();
          });
    }
    if (!finished.await(waitMillis, TimeUnit.MILLISECONDS)) {
      throw new LoadError(LoadError.TIMEOUT, "opening connections: not all answered");
    }
    List<ShareDbConnection> connections = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      connections.add(opened.get(i));
    }
    return new Opened(java.util.Collections.unmodifiableList(connections), Math.max(0, lastReply.get() - first));
  }

  /** Closes them all (on purpose, so not counted), waiting at most for the reply timeout. */
  void closeAll(Collection<ShareDbConnection> connections) throws InterruptedException {
    List<Future<Void>> closing = new ArrayList<>(connections.size());
    connections.forEach(connection -> closing.add(connection.close()));
    try {
      Await.reply(Future.join(closing), "close " + connections.size() + " connections");
    } catch (LoadError e) {
      // A socket that will not close cleanly is the client's problem, not the server's: note it only.
      out.println("note: " + e.getMessage());
    }
  }
}
