package org.policycollab.store;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where documents live: the sharedb-mongo layout (snapshots in {@code <collection>}, ops in {@code
 * o_<collection>}, milestones in {@code m_<collection>}). Every method returns at once; none blocks the
 * calling event loop. Futures complete on the caller's context.
 *
 * <p>The op log is the truth: {@link #commit} is the commit point, guarded by the unique {@code {d, v}}
 * index, and snapshots are a cache written behind it, rolled forward from the ops on load.
 */
public interface DocumentStore {

  /**
   * The latest stored snapshot of the document; for a document never stored, a {@link Snapshot} at
   * version 0 with no type. The snapshot may be behind the op log: read {@link #ops} from its version.
   */
  Future<Snapshot> snapshot(String collection, String docId);

  /**
   * The committed ops with {@code from <= v < to} in version order ({@code to} may be {@link
   * Long#MAX_VALUE}). Where a crash left orphans with the same version, the one on the {@code o} chain
   * wins.
   */
  Future<List<StoredOp>> ops(String collection, String docId, long from, long to);

  /**
   * Commits ops of one document with consecutive versions, in one batched write. Completes once the ops
   * are durable (the write concern of the server, or the embedded store synced to disk). Fails with
   * {@link CommitConflictException} when the first version is already taken: someone else committed
   * it, and nothing of this batch was written. (Only if another writer took a later version of the
   * batch in between do the ops before that version stay committed, made durable, and the failure
   * names that version: reloading finds them by their {@code (src, seq)}.)
   */
  Future<Void> commit(String collection, List<StoredOp> ops);

  /** Stores the snapshot unless the stored one is at the same or a newer version. */
  Future<Void> saveSnapshot(String collection, Snapshot snapshot);

  /** Stores a milestone snapshot (for history reads); an existing one at that version is kept. */
  Future<Void> saveMilestone(String collection, Snapshot snapshot);

  /** The newest milestone at or before {@code version}, or {@code null} when there is none. */
  Future<Snapshot> milestone(String collection, String docId, long version);

  /**
   * The document's version at {@code timestamp} (ms since the epoch): the number of ops whose {@code
   * m.ts} is at or before it.
   */
  Future<Long> versionAt(String collection, String docId, long timestamp);

  /** A document as a listing shows it: its version, type ({@code null} when deleted) and last change. */
  record Listed(String docId, long version, String type, long modifiedAt) {}

  /**
   * The stored snapshots of existing documents, the most recently changed first, at most {@code limit}.
   * Snapshots trail the op log, so a live document's owner knows better.
   */
  Future<List<Listed>> list(String collection, int limit);

  /** The stored snapshots of those of {@code docIds} that exist, in no particular order. */
  Future<List<Listed>> listed(String collection, java.util.Collection<String> docIds);

  /** The titles of those of {@code docIds} that have one. */
  Future<java.util.Map<String, String>> titles(String collection, java.util.Collection<String> docIds);

  /**
   * Sets a document's title, kept beside the sharedb-mongo layout in {@code meta_<collection>}, where
   * neither ShareDB nor its clients look.
   */
  Future<Void> saveTitle(String collection, String docId, String title, long now);

  /** The comment threads of the documents, kept in the same database. */
  org.policycollab.review.CommentStore comments();

  /** Who may do what with each document, kept in the same database. */
  org.policycollab.access.AccessStore access();

  /** The accounts kept in the same database. */
  org.policycollab.accounts.AccountStore accounts();

  /** Succeeds when the store answers. */
  Future<Void> ping();

  /** Releases connections (and stops an embedded server), flushing what it holds. */
  Future<Void> close();

  /** One line for the start-up log: which store, where. Never contains credentials. */
  String description();
}
