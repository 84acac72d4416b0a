package org.policycollab.access;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where each document's {@link DocumentAccess} is kept: in {@code meta_<collection>}, beside its title.
 * A document with no record has never been created through this server with accounts (or is older);
 * only administrators may open such a document until one shares it.
 */
public interface AccessStore {
  /** The document's access, or {@code null} when it has none. */
  Future<DocumentAccess> find(String collection, String docId);

  /** The access of those of {@code docIds} that have one. */
  Future<Map<String, DocumentAccess>> findAll(String collection, Collection<String> docIds);

  /** Records a new document's access; {@code false} when the document has one already. */
  Future<Boolean> claim(String collection, String docId, DocumentAccess access);

  /** Replaces the document's access. */
  Future<Void> save(String collection, String docId, DocumentAccess access);

  /** The documents shared with {@code username}, at most {@code limit}. */
  Future<List<String>> sharedWith(String collection, String username, int limit);
}
