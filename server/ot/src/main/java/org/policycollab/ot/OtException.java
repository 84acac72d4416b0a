package org.policycollab.ot;

/**
 * An operation that is malformed or does not fit the document it is applied to. The message is short
 * and meant for the person (or client) that sent the operation, as quill-delta's own errors are.
 */
public class OtException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OtException(String message) {
    super(message);
  }
}
