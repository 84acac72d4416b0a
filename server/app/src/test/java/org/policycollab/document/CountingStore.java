package org.policycollab.document;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.policycollab.store.DocumentStore;
import org.policycollab.store.Snapshot;
import org.policycollab.store.StoredOp;

/**
 * A real store with each commit held back a little and recorded, so a test can see how submissions
 * were grouped into writes. Everything else passes straight through.
 */
final class CountingStore implements DocumentStore {
  private final Vertx vertx;
  private final DocumentStore store;
  private final long commitDelayMs;
  final List<Integer> commitSizes = new CopyOnWriteArrayList<>();
  final java.util.concurrent.atomic.AtomicInteger snapshotReads = new java.util.concurrent.atomic.AtomicInteger();

  CountingStore(Vertx vertx, DocumentStore store, long commitDelayMs) {
    this.vertx = vertx;
    this.store = store;
    this.commitDelayMs = commitDelayMs;
  }

  @Override
  public Future<Void> commit(String collection, List<StoredOp> ops) {
    commitSizes.add(ops.size());
    Promise<Void> later = Promise.promise();
    vertx.setTimer(commitDelayMs, id -> store.commit(collection, ops).onComplete(later));
    return later.future();
  }

  @Override
  public Future<Snapshot> snapshot(String collection, String docId) {
    snapshotReads.incrementAndGet();
    return store.snapshot(collection, docId);
  }

  @Override
  public Future<List<StoredOp>> ops(String collection, String docId, long from, long to) {
    return store.ops(collection, docId, from, to);
  }

  @Override
  public Future<Void> saveSnapshot(String collection, Snapshot snapshot) {
    return store.saveSnapshot(collection, snapshot);
  }

  @Override
  public Future<Void> saveMilestone(String collection, Snapshot snapshot) {
    return store.saveMilestone(collection, snapshot);
  }

  @Override
  public Future<Snapshot> milestone(String collection, String docId, long version) {
    return store.milestone(collection, docId, version);
  }

  @Override
  public Future<Long> versionAt(String collection, String docId, long timestamp) {
    return store.versionAt(collection, docId, timestamp);
  }

  @Override
  public Future<List<Listed>> list(String collection, int limit) {
    return store.list(collection, limit);
  }

  @Override
  public Future<java.util.Map<String, String>> titles(String collection, java.util.Collection<String> docIds) {
    return store.titles(collection, docIds);
  }

  @Override
  public Future<Void> saveTitle(String collection, String docId, String title, long now) {
    return store.saveTitle(collection, docId, title, now);
  }

  @Override
  public Future<List<Listed>> listed(String collection, java.util.Collection<String> docIds) {
    return store.listed(collection, docIds);
  }

  @Override
  public org.policycollab.review.CommentStore comments() {
    return store.comments();
  }

  @Override
  public org.policycollab.access.AccessStore access() {
    return store.access();
  }

  @Override
  public org.policycollab.accounts.AccountStore accounts() {
    return store.accounts();
  }

  @Override
  public Future<Void> ping() {
    return store.ping();
  }

  @Override
  public Future<Void> close() {
    return store.close();
  }

  @Override
  public String description() {
    return "counting " + store.description();
  }
}
