package org.policycollab.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A stored document: {@code version} ops applied; {@code type} the OT type URI, {@code null} when the
 * document does not exist (never created, or deleted); {@code data} the type's data ({@code {"ops":[...]}}
 * for rich-text), {@code null} without a type. {@code lastOpId} is the hex ObjectId of the op that made
 * this version ({@code _o}), {@code null} at version 0 or when unknown.
 */
public record Snapshot(
    String docId,
    long version,
    String type,
    JsonNode data,
    long createdAt,
    long modifiedAt,
    CreateMark create,
    String lastOpId) {

  /** Who created the document, so that a resent create is recognised as a duplicate. */
  public record CreateMark(String src, long seq, long version) {}

  public static Snapshot missing(String docId) {
    return new Snapshot(docId, 0, null, null, 0, 0, null, null);
  }

  public boolean exists() {
    return type != null;
  }
}
