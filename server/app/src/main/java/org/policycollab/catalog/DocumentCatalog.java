package org.policycollab.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.policycollab.access.Caller;
import org.policycollab.access.DocumentAccess;
import org.policycollab.access.Role;
import org.policycollab.document.DocumentBus;
import org.policycollab.document.OwnerClient;
import org.policycollab.json.Json;
import org.policycollab.store.DocumentStore;
import org.policycollab.api.ApiException;

/**
 * The document list: the documents shared with the asking person (all, for administrators) with their
 * title, last change, who is in it and the person's role; creating a document (its creator manages it);
 * renaming one (editors and managers). Titles live beside the documents in the store; versions and last changes come from the
 * stored snapshots, or from the owners for live documents (snapshots trail the op log); who is in a
 * document only its owner knows, from the presences it moves.
 */
public final class DocumentCatalog {
  public static final String COLLECTION = "docs";
  public static final int MAX_TITLE = 200;
  public static final int MAX_LIMIT = 500;
  /** How many shared documents a listing considers for one person; the newest are shown. */
  private static final int MAX_SHARED = 10_000;
  private static final String UNTITLED = "";
  private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DocumentStore store;
  private final OwnerClient owners;

  public DocumentCatalog(DocumentStore store, OwnerClient owners) {
    this.store = store;
    this.owners = owners;
  }

  /** The most recently changed documents the caller may see first, at most {@code limit}. */
  public Future<List<CatalogEntry>> list(Caller caller, int limit) {
    int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
    // Administrators see everything: the newest snapshots. Others: the documents shared with them.
    Future<Set<String>> shared = caller.admin()
        ? Future.succeededFuture(null)
        : store.access().sharedWith(COLLECTION, caller.username(), MAX_SHARED).map(HashSet::new);
    return shared.compose(visible -> {
      Future<List<DocumentStore.Listed>> stored = visible == null ? store.list(COLLECTION, bounded) : store.listed(COLLECTION, visible);
      Future<List<ObjectNode>> live = owners.requestEveryNode(Json.object().put("action", "summary"));
      return Future.all(stored, live).map(both -> lines(stored.result(), live.result(), visible));
    }).compose(lines -> Future.all(store.titles(COLLECTION, lines.keySet()), store.access().findAll(COLLECTION, lines.keySet()))
        .map(both -> {
          Map<String, String> titles = both.resultAt(0);
          Map<String, DocumentAccess> access = both.resultAt(1);
          List<CatalogEntry> entries = new ArrayList<>();
          lines.forEach((id, line) -> {
            Role role = access.containsKey(id) ? access.get(id).roleOf(caller) : caller.admin() ? Role.MANAGER : null;
            if (role != null) {
              entries.add(line.entry(id, titles.getOrDefault(id, UNTITLED), role));
            }
          });
          entries.sort(Comparator.comparing((CatalogEntry e) -> e.updatedAt() == null ? 0L : e.updatedAt()).reversed()
              .thenComparing(CatalogEntry::id));
          return entries.size() > bounded ? List.copyOf(entries.subList(0, bounded)) : entries;
        }));
  }

  /** Stored snapshots, overlaid by what live owners know; only {@code visible} ones unless that is null. */
  private static Map<String, Line> lines(List<DocumentStore.Listed> stored, List<ObjectNode> live, Set<String> visible) {
    Map<String, Line> lines = new HashMap<>();
    for (DocumentStore.Listed listed : stored) {
      lines.put(listed.docId(), new Line(listed.version(), listed.modifiedAt(), List.of(), null));
    }
    for (ObjectNode node : live) {
      for (JsonNode doc : node.path("docs")) {
        String id = doc.path("d").asText();
        if (visible == null || visible.contains(id)) {
          lines.put(id, new Line(doc.path("v").asLong(), doc.path("mtime").asLong(), names(doc), null));
        }
      }
    }
    return lines;
  }

  /** One document; fails with 404 when it does not exist, 403 when it is not shared with the caller. */
  public Future<CatalogEntry> get(Caller caller, String id) {
    return describe(caller, id).compose(line -> store.titles(COLLECTION, List.of(id))
        .map(titles -> line.entry(id, titles.getOrDefault(id, UNTITLED), line.role())));
  }

  /** A new, empty rich-text document with this title, managed by its creator. */
  public Future<CatalogEntry> create(Caller caller, String title) {
    String checked;
    try {
      checked = checkTitle(title);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    String id = newId();
    ObjectNode submit = Json.object().put("action", "submit").put("c", COLLECTION).put("d", id);
    submit.putNull("v");
    submit.put("src", caller.username() + ":catalog-" + newId()).put("seq", 1);
    submit.putObject("create").putArray("ops").addObject().put("insert", "\n");
    caller.stamp(submit);
    return owners.request(DocumentBus.key(COLLECTION, id), submit)
        .compose(DocumentCatalog::succeeded)
        .compose(created -> store.saveTitle(COLLECTION, id, checked, System.currentTimeMillis()))
        .compose(saved -> get(caller, id));
  }

  /** Gives an existing document a new title; editors and managers only. */
  public Future<CatalogEntry> rename(Caller caller, String id, String title) {
    String checked;
    try {
      checked = checkTitle(title);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    return describe(caller, id)
        .compose(line -> line.role().canEdit()
            ? store.saveTitle(COLLECTION, id, checked, System.currentTimeMillis()).map(saved -> line.entry(id, checked, line.role()))
            : Future.failedFuture(new ApiException(403, "ERR_DOCUMENT_READ_ONLY", "you may read this document but not change it")));
  }

  private Future<Line> describe(Caller caller, String id) {
    ObjectNode request = caller.stamp(Json.object().put("action", "describe").put("c", COLLECTION).put("d", id));
    return owners.request(DocumentBus.key(COLLECTION, id), request)
        .compose(DocumentCatalog::succeeded)
        .compose(doc -> doc.path("exists").asBoolean()
            ? Future.succeededFuture(new Line(doc.path("v").asLong(), doc.path("mtime").asLong(), names(doc), Role.parse(doc.path("role").asText())))
            : Future.failedFuture(ApiException.notFound(id)));
  }

  /** Asks a document's owner, in the caller's name; its reply, or its error as the API answers it. */
  static Future<ObjectNode> ask(OwnerClient owners, Caller caller, String docId, ObjectNode request) {
    caller.stamp(request).put("c", COLLECTION).put("d", docId);
    return owners.request(DocumentBus.key(COLLECTION, docId), request).compose(DocumentCatalog::succeeded);
  }

  /** An owner's reply, or its error as the API answers it. */
  static Future<ObjectNode> succeeded(ObjectNode reply) {
    if (reply.has("error")) {
      JsonNode error = reply.path("error");
      String code = error.path("code").asText();
      int status = error.path("status").asInt(switch (code) {
        case "ERR_FORBIDDEN", "ERR_DOCUMENT_READ_ONLY", "ERR_SUGGESTIONS_ONLY" -> 403;
        case "ERR_DOC_DOES_NOT_EXIST", "ERR_DOC_WAS_DELETED" -> 404;
        case "ERR_DOC_ALREADY_CREATED" -> 409;
        default -> 503;
      });
      return Future.failedFuture(new ApiException(status, code, error.path("message").asText()));
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
      throw ApiException.badRequest("a title is required");
    }
    String trimmed = title.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_TITLE) {
      throw ApiException.badRequest("a title has 1 to " + MAX_TITLE + " characters");
    }
    if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest("a title cannot contain control characters");
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

  private record Line(long version, long modifiedAt, List<String> online, Role role) {
    CatalogEntry entry(String id, String title, Role as) {
      return new CatalogEntry(id, title, modifiedAt > 0 ? modifiedAt : null, version, online, as);
    }
  }
}
