package org.policycollab.load;

/**
 * A failure the run counts: an error reply (its kind is the server's code, e.g. {@code ERR_FORBIDDEN}),
 * a timeout, an unexpected close or a result that does not match. No stack trace: the kind and message
 * say everything, and there may be thousands.
 */
final class LoadError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final String TIMEOUT = "timeout";
  static final String CLOSED = "closed";
  static final String MISMATCH = "mismatch";
  static final String CONNECT = "connect";

  private final String kind;

  LoadError(String kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  String kind() {
    return kind;
  }

  /** The kind to count {@code failure} under: its own for a {@link LoadError}, else the exception's class. */
  static String kindOf(Throwable failure) {
    if (failure instanceof LoadError error) {
      return error.kind();
    }
    if (failure instanceof java.util.concurrent.TimeoutException) {
      return TIMEOUT;
    }
    if (failure instanceof java.net.ConnectException) {
      return CONNECT;
    }
    return failure.getClass().getSimpleName();
  }
}
