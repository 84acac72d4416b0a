package org.policycollab.accounts;

/** A refused sign-in or session request, with the HTTP status and a stable code for the client. */
public final class AccountException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final long retryAfterMs;

  AccountException(int status, String code, String message, long retryAfterMs) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }

  static AccountException unauthenticated(String message) {
    return new AccountException(401, "ERR_UNAUTHENTICATED", message, 0);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** For 429: when to try again. */
  public long retryAfterMs() {
    return retryAfterMs;
  }
}
