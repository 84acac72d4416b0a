package org.policycollab.api;

/**
 * A request refused for a reason the caller can act on, with the HTTP status and the stable code the
 * API answers with; expected, so no stack trace.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "ERR_BAD_REQUEST", message);
  }

  public static ApiException notFound(String id) {
    return new ApiException(404, "ERR_DOC_DOES_NOT_EXIST", "there is no document " + id);
  }
}
