package org.policycollab.access;

/** A refused change of who may do what, with the HTTP status and stable code the API answers with. */
public final class AccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public AccessException(int status, String code, String message) {
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
}
