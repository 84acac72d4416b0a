package org.policycollab.document;

import io.vertx.core.Promise;
import org.policycollab.ot.Delta;

/**
 * One submitted op waiting for its owner: an edit ({@code op}), a create ({@code createData}) or a
 * delete. {@code version} is the client's document version, or -1 when it sent none. {@code
 * suggestOnly}: its author is a reviewer, whose edits must be their own suggestions.
 */
record Submission(
    long version,
    String src,
    long seq,
    Delta op,
    Delta createData,
    boolean delete,
    String userId,
    Promise<Outcome> reply,
    int attempt,
    boolean suggestOnly) {

  /** A submission by someone who may edit freely. */
  Submission(
      long version, String src, long seq, Delta op, Delta createData, boolean delete, String userId, Promise<Outcome> reply, int attempt) {
    this(version, src, seq, op, createData, delete, userId, reply, attempt, false);
  }

  /** The same submission, from a reviewer. */
  Submission suggesting() {
    return new Submission(version, src, seq, op, createData, delete, userId, reply, attempt, true);
  }

  boolean isCreate() {
    return createData != null;
  }

  boolean isEdit() {
    return op != null;
  }

  Submission retried() {
    return new Submission(version, src, seq, op, createData, delete, userId, reply, attempt + 1, suggestOnly);
  }

  /** What became of a submission. */
  sealed interface Outcome permits Accepted, Rejected {}

  /**
   * Committed at {@code version} (or found committed there before: a resend). {@code missed} are the
   * wire messages of the ops between the client's version and that one, to send before the ack.
   */
  record Accepted(long version, java.util.List<CommittedOp> missed) implements Outcome {}

  record Rejected(ErrorCode code, String message) implements Outcome {}
}
