package org.policycollab.review;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.UnaryOperator;

/** Where comment threads are kept (the {@code comments} collection beside the documents). */
public interface CommentStore {
  Future<Void> insert(CommentThread thread);

  /** The document's threads, oldest first, at most {@code limit}. */
  Future<List<CommentThread>> list(String docId, int limit);

  /** The thread, or {@code null}. */
  Future<CommentThread> find(String docId, String threadId);

  /**
   * Applies {@code change} to the stored thread and stores the result unless someone changed it
   * meanwhile (then reads it again and retries); the stored result, or {@code null} when there is no
   * such thread. {@code change} may throw to refuse.
   */
  Future<CommentThread> update(String docId, String threadId, UnaryOperator<CommentThread> change);
}
