package org.policycollab.realtime;

import org.policycollab.document.ErrorCode;

/** A client message refused with a wire error code; expected, so no stack trace. */
final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  ProtocolException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  ErrorCode code() {
    return code;
  }
}
