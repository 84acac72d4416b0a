package org.policycollab.document;

/**
 * Every error the server sends, with its wire code. ShareDB's codes are kept where the stock client
 * looks at them (it treats {@code ERR_OP_SUBMIT_REJECTED} specially); the others are stable and ours.
 */
public enum ErrorCode {
  OP_SUBMIT_REJECTED("ERR_OP_SUBMIT_REJECTED"),
  OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT("ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT"),
  SUBMIT_TRANSFORM_OPS_NOT_FOUND("ERR_SUBMIT_TRANSFORM_OPS_NOT_FOUND"),
  MAX_SUBMIT_RETRIES_EXCEEDED("ERR_MAX_SUBMIT_RETRIES_EXCEEDED"),
  DOC_ALREADY_CREATED("ERR_DOC_ALREADY_CREATED"),
  DOC_DOES_NOT_EXIST("ERR_DOC_DOES_NOT_EXIST"),
  DOC_WAS_DELETED("ERR_DOC_WAS_DELETED"),
  DOC_TYPE_NOT_RECOGNIZED("ERR_DOC_TYPE_NOT_RECOGNIZED"),
  OT_OP_BADLY_FORMED("ERR_OT_OP_BADLY_FORMED"),
  OT_OP_NOT_APPLIED("ERR_OT_OP_NOT_APPLIED"),
  MESSAGE_BADLY_FORMED("ERR_MESSAGE_BADLY_FORMED"),
  MESSAGE_TOO_LARGE("ERR_MESSAGE_TOO_LARGE"),
  COLLECTION_NOT_SUPPORTED("ERR_COLLECTION_NOT_SUPPORTED"),
  DATABASE_METHOD_NOT_IMPLEMENTED("ERR_DATABASE_METHOD_NOT_IMPLEMENTED"),
  PRESENCE_TRANSFORM_FAILED("ERR_PRESENCE_TRANSFORM_FAILED"),
  STORE_UNAVAILABLE("ERR_STORE_UNAVAILABLE"),
  /**
   * The store has been slow or unreachable long enough that the node holds as many unsaved edits as it
   * may; this one was not accepted. The edits already accepted are kept and saved when the store returns.
   */
  STORE_BACKLOG_FULL("ERR_STORE_BACKLOG_FULL"),
  /** The document's owner is moving between cluster nodes; sent only when retrying did not help. */
  DOCUMENT_MOVING("ERR_DOCUMENT_MOVING"),
  /** The document is not shared with this person (or the op's src names another person's connection). */
  FORBIDDEN("ERR_FORBIDDEN"),
  /** This person may read the document but not change it (a viewer; a reviewer changing text directly). */
  DOCUMENT_READ_ONLY("ERR_DOCUMENT_READ_ONLY"),
  /** A reviewer's op that is not their own suggestion, or any op marking a suggestion in another's name. */
  SUGGESTIONS_ONLY("ERR_SUGGESTIONS_ONLY"),
  INTERNAL("ERR_INTERNAL");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
