package org.policycollab.catalog;

import org.policycollab.access.Role;
import java.util.List;

/**
 * A document as the document list shows it.
 *
 * @param updatedAt the last change, ms since the epoch; {@code null} when unknown
 * @param online the display names of the people in the document now
 * @param role what the asking person may do with it
 */
public record CatalogEntry(String id, String title, Long updatedAt, long version, List<String> online, Role role) {
  public CatalogEntry {
    online = List.copyOf(online);
  }
}
