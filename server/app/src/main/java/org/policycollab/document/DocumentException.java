package org.policycollab.document;

/** A request refused with a wire error code; expected, so no stack trace. */
public class DocumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public DocumentException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
