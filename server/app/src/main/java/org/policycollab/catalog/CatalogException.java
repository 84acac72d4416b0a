package org.policycollab.catalog;

/** A catalogue request that cannot be served, with the HTTP status and a stable code for the client. */
public final class CatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  CatalogException(int status, String code, String message) {
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

  static CatalogException badRequest(String message) {
    return new CatalogException(400, "ERR_BAD_REQUEST", message);
  }

  static CatalogException notFound(String id) {
    return new CatalogException(404, "ERR_DOC_DOES_NOT_EXIST", "there is no document " + id);
  }
}
