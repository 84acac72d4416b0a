package org.policycollab.access;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.policycollab.api.ApiException;

/**
 * Who may do what with one document: username to {@link Role}, kept beside the document's title in
 * {@code meta_<collection>}. The person who created the document is its first manager. A document
 * always keeps at least one manager ({@link #without} and {@link #with} refuse to remove the last).
 */
public record DocumentAccess(Map<String, Role> roles, String createdBy, long createdAt) {
  /** The most people one document can be shared with: the record stays small and quick to check. */
  public static final int MAX_MEMBERS = 1_000;

  public DocumentAccess {
    roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
  }

  /** A new document's access: its creator manages it. */
  public static DocumentAccess createdBy(String username, long now) {
    return new DocumentAccess(Map.of(username, Role.MANAGER), username, now);
  }

  /** The role {@code username} has, or {@code null}. */
  public Role roleOf(String username) {
    return roles.get(username);
  }

  /** What a caller may do: administrators manage every document. */
  public Role roleOf(Caller caller) {
    return caller.admin() ? Role.MANAGER : roles.get(caller.username());
  }

  /** With {@code username}'s role set to {@code role}; fails if that removes the last manager. */
  public DocumentAccess with(String username, Role role) {
    Map<String, Role> changed = new LinkedHashMap<>(roles);
    changed.put(username, role);
    return checked(changed);
  }

  /** Without {@code username}; fails if that removes the last manager. */
  public DocumentAccess without(String username) {
    Map<String, Role> changed = new LinkedHashMap<>(roles);
    changed.remove(username);
    return checked(changed);
  }

  private DocumentAccess checked(Map<String, Role> changed) {
    if (!changed.containsValue(Role.MANAGER)) {
      throw new ApiException(409, "ERR_LAST_MANAGER", "a document keeps at least one manager; make someone else manager first");
    }
    if (changed.size() > MAX_MEMBERS) {
      throw new ApiException(409, "ERR_TOO_MANY_MEMBERS", "a document can be shared with at most " + MAX_MEMBERS + " people");
    }
    return new DocumentAccess(changed, createdBy, createdAt);
  }
}
