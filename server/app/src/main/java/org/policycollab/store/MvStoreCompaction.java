package org.policycollab.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the MVStore file from growing without bound. Every commit writes a new chunk, and an op log
 * leaves most chunks nearly empty but not dead (the full leaf pages stay where they were last written).
 * MVStore's own background thread would compact them, but it runs only with auto-commit, which the
 * embedded store turns off so that commits happen only where they are synced. So this does it: now and
 * then, if chunks are on average less than half full, rewrite their live pages and commit.
 */
final class MvStoreCompaction {
  private static final Logger LOG = LoggerFactory.getLogger(MvStoreCompaction.class);
  private static final int TARGET_FILL_PERCENT = 50;
  private static final int MAX_REWRITE_BYTES = 2 * 1024 * 1024;

  private final MVStore mvStore;
  private final ScheduledExecutorService timer;

  MvStoreCompaction(MVStore mvStore, Duration every) {
    this.mvStore = mvStore;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "mvstore-compaction");
              thread.setDaemon(true);
              return thread;
            });
    // compact() catches what it throws, so the returned future has nothing to report.
    var unused =
        timer.scheduleWithFixedDelay(
            this::compact, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void compact() {
    try {
      if (!mvStore.isClosed()
          && mvStore.getFileStore().getChunksFillRate() < TARGET_FILL_PERCENT
          && mvStore.compact(TARGET_FILL_PERCENT, MAX_REWRITE_BYTES)) {
        // The rewritten pages reach the file, and the old chunks become free, at a commit.
        mvStore.commit();
        mvStore.sync();
      }
    } catch (RuntimeException e) {
      // A failed round leaves the file as it was; the next round tries again.
      LOG.warn("compacting the embedded store failed", e);
    }
  }

  /** Stops compacting, waiting for a round in progress. */
  void stop() {
    timer.shutdown();
    try {
      timer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
