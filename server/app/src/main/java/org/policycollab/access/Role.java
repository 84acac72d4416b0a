package org.policycollab.access;

import java.util.Locale;

/**
 * What a person may do with one document. Each role includes the ones below it: a manager shares (and,
 * later, locks), an editor changes the text, a reviewer suggests and comments, a viewer reads.
 */
public enum Role {
  MANAGER,
  EDITOR,
  REVIEWER,
  VIEWER;

  /** The name in the API and the store: {@code manager}, {@code editor}, ... */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role of that name, or {@code null} for anything else. */
  public static Role parse(String wire) {
    if (wire == null) {
      return null;
    }
    for (Role role : values()) {
      if (role.wire().equals(wire)) {
        return role;
      }
    }
    return null;
  }

  public boolean canEdit() {
    return this == MANAGER || this == EDITOR;
  }

  public boolean canShare() {
    return this == MANAGER;
  }
}
