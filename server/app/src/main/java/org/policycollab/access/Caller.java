package org.policycollab.access;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who asks, as the edge that authenticated them says: carried on every request to a document's owner,
 * which decides from it and the document's {@link DocumentAccess}. Administrators may do anything.
 */
public record Caller(String username, boolean admin) {
  private static final String USER = "user";
  private static final String ADMIN = "admin";

  /** Adds the caller to an owner request. */
  public ObjectNode stamp(ObjectNode request) {
    return request.put(USER, username).put(ADMIN, admin);
  }

  /** The caller a request names, or {@code null} when it names none (then nothing is allowed). */
  public static Caller of(ObjectNode request) {
    String username = request.path(USER).asText(null);
    return username == null || username.isEmpty() ? null : new Caller(username, request.path(ADMIN).asBoolean(false));
  }
}
