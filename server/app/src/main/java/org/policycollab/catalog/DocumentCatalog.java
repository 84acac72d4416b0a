package org.policycollab.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.policycollab.document.DocumentBus;
import org.policycollab.document.OwnerClient;
import org.policycollab.json.Json;
import org.policycollab.store.DocumentStore;

/**
 * The document list: every document with its title, last change and who is in it; creating a document;
 * renaming one. Titles live beside the documents in the store; versions and last changes come from the
 * stored snapshots, or from the owners for live documents (snapshots trail the op log); who is in a
 * document only its owner knows, from the presences it moves.
 */
public final class DocumentCatalog {
  public static final String COLLECTION = "docs";
  public static final int MAX_TITLE = 200;
  public static final int MAX_LIMIT = 500;
  private static final String UNTITLED = "";
  private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DocumentStore store;
  private final OwnerClient owners;

  public DocumentCatalog(DocumentStore store, OwnerClient owners) {
    this.store = store;
    this.owners = owners;
  }

  /** The most recently changed documents first, at most {@code limit}. */
  public Future<List<CatalogEntry>> list(int limit) {
    int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
    Future<List<DocumentStore.Listed>> stored = store.list(COLLECTION, bounded);
    Future<List<ObjectNode>> live = owners.requestEveryNode(Json.object().put("action", "summary"));
    return Future.all(stored, live).compose(both -> {
      Map<String, Line> lines = new HashMap<>();
      for (DocumentStore.Listed listed : stored.result()) {
        lines.put(listed.docId(), new Line(listed.version(), listed.modifiedAt(), List.of()));
      }
      for (ObjectNode node : live.result()) {
        for (JsonNode doc : node.path("docs")) {
          lines.put(doc.path("d").asText(), new Line(doc.path("v").asLong(), doc.path("mtime").asLong(), names(doc)));
        }
      }
      return store.titles(COLLECTION, lines.keySet()).map(titles -> {
        List<CatalogEntry> entries = new ArrayList<>();
        lines.forEach((id, line) -> entries.add(line.entry(id, titles.getOrDefault(id, UNTITLED))));
        entries.sort(Comparator.comparing((CatalogEntry e) -> e.updatedAt() == null ? 0L : e.updatedAt()).reversed()
            .thenComparing(CatalogEntry::id));
        return entries.size() > bounded ? List.copyOf(entries.subList(0, bounded)) : entries;
      });
    });
  }

  /** One document; fails with 404 when it does not exist. */
  public Future<CatalogEntry> get(String id) {
    return describe(id).compose(line -> store.titles(COLLECTION, List.of(id))
        .map(titles -> line.entry(id, titles.getOrDefault(id, UNTITLED))));
  }

  /** A new, empty rich-text document with this title. */
  public Future<CatalogEntry> create(String title) {
    String checked;
    try {
      checked = checkTitle(title);
    } catch (CatalogException e) {
      return Future.failedFuture(e);
    }
    String id = newId();
    ObjectNode submit = Json.object().put("action", "submit").put("c", COLLECTION).put("d", id);
    submit.putNull("v");
    submit.put("src", "catalog-" + newId()).put("seq", 1);
    submit.putObject("create").putArray("ops").addObject().put("insert", "\n");
    return owners.request(DocumentBus.key(COLLECTION, id), submit)
        .compose(DocumentCatalog::succeeded)
        .compose(created -> store.saveTitle(COLLECTION, id, checked, System.currentTimeMillis()))
        .compose(saved -> get(id));
  }

  /** Gives an existing document a new title. */
  public Future<CatalogEntry> rename(String id, String title) {
    String checked;
    try {
      checked = checkTitle(title);
    } catch (CatalogException e) {
      return Future.failedFuture(e);
    }
    return describe(id)
        .compose(line -> store.saveTitle(COLLECTION, id, checked, System.currentTimeMillis())
            .map(saved -> line.entry(id, checked)));
  }

  private Future<Line> describe(String id) {
    ObjectNode request = Json.object().put("action", "describe").put("c", COLLECTION).put("d", id);
    return owners.request(DocumentBus.key(COLLECTION, id), request)
        .compose(DocumentCatalog::succeeded)
        .compose(doc -> doc.path("exists").asBoolean()
            ? Future.succeededFuture(new Line(doc.path("v").asLong(), doc.path("mtime").asLong(), names(doc)))
            : Future.failedFuture(CatalogException.notFound(id)));
  }

  private static Future<ObjectNode> succeeded(ObjectNode reply) {
    if (reply.has("error")) {
      return Future.failedFuture(new CatalogException(
          503, reply.path("error").path("code").asText(), reply.path("error").path("message").asText()));
    }
    return Future.succeededFuture(reply);
  }

  private static List<String> names(JsonNode doc) {
    List<String> names = new ArrayList<>();
    doc.path("online").forEach(name -> names.add(name.asText()));
    return names;
  }

  /** A title: trimmed, 1 to {@link #MAX_TITLE} characters, no control characters. */
  static String checkTitle(String title) {
    if (title == null) {
      throw CatalogException.badRequest("a title is required");
    }
    String trimmed = title.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_TITLE) {
      throw CatalogException.badRequest("a title has 1 to " + MAX_TITLE + " characters");
    }
    if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
      throw CatalogException.badRequest("a title cannot contain control characters");
    }
    return trimmed;
  }

  /** Random, URL-safe and unambiguous when read aloud or typed (no 0/o, 1/l). */
  private static String newId() {
    char[] id = new char[12];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
    }
    return new String(id);
  }

  private record Line(long version, long modifiedAt, List<String> online) {
    CatalogEntry entry(String id, String title) {
      return new CatalogEntry(id, title, modifiedAt > 0 ? modifiedAt : null, version, online);
    }
  }
}
