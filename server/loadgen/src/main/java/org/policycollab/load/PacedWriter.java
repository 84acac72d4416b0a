package org.policycollab.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An author typing at about {@code opsPerSecond} into one document until a deadline: short inserts
 * inside the document's original text, sent at the latest version its connection has seen. It does not
 * wait for acks (the server transforms a pipelined op over the ones before it), but stops sending past
 * {@link #MAX_IN_FLIGHT} unacknowledged ops, so that a stalled server cannot make it pile up memory.
 * Everything runs on the connection's event loop.
 */
final class PacedWriter {
  static final int MAX_IN_FLIGHT = 50;

  private final ShareDbConnection connection;
  private final String docId;
  private final int originalLength;
  private final double periodMillis;
  private final EditStats stats;
  private final RemoteWatch watch;
  private final Tally tally;
  private final Promise<Void> finished = Promise.promise();
  private long deadlineNanos;
  private int inFlight;
  private boolean stopped;

  PacedWriter(ShareDbConnection connection, String docId, int originalLength, double opsPerSecond,
      EditStats stats, RemoteWatch watch, Tally tally) {
    this.connection = connection;
    this.docId = docId;
    this.originalLength = originalLength;
    this.periodMillis = 1_000.0 / opsPerSecond;
    this.stats = stats;
    this.watch = watch;
    this.tally = tally;
  }

  /** Starts typing; {@link #finished} completes once past the deadline and every op is answered. */
  Future<Void> start(long deadlineNanos) {
    connection.onLoop(() -> {
      this.deadlineNanos = deadlineNanos;
      // Spread the first ops over one period so that the writers do not tick in step.
      scheduleTick(ThreadLocalRandom.current().nextDouble() * periodMillis);
    });
    return finished.future();
  }

  private void scheduleTick(double delayMillis) {
    connection.later((long) Math.max(1, delayMillis), this::tick);
  }

  private void tick() {
    if (System.nanoTime() >= deadlineNanos || !connection.isOpen()) {
      stopped = true;
      finishWhenAnswered();
      return;
    }
    if (inFlight < MAX_IN_FLIGHT) {
      submitOne(ThreadLocalRandom.current());
    } else {
      stats.skipped();
    }
    // Jitter of a quarter period either way, as people do not type like a metronome.
    scheduleTick(periodMillis * (0.75 + 0.5 * ThreadLocalRandom.current().nextDouble()));
  }

  private void submitOne(Random random) {
    inFlight++;
    stats.sent();
    connection.edit(docId, connection.knownVersion(docId), Edits.insertWithin(originalLength, random))
        .onComplete(done -> {
          inFlight--;
          if (done.succeeded()) {
            stats.acked(docId, done.result());
            watch.acked(connection.src(), done.result().seq());
          } else {
            tally.record(done.cause());
          }
          finishWhenAnswered();
        });
  }

  private void finishWhenAnswered() {
    if (stopped && inFlight == 0) {
      finished.tryComplete();
    }
  }
}
