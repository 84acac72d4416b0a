package org.policycollab.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One committed op as stored in {@code o_<collection>}. {@code version} is the version it applied to.
 * Exactly one of: an edit ({@code op}, a {@code {"ops":[...]}} delta), a create ({@code createType},
 * {@code createData}), a delete ({@code deleted}; {@code deletedData} keeps the data it removed).
 * {@code opId} and {@code previousOpId} are hex ObjectIds chaining the ops ({@code _id} and {@code o}).
 */
public record StoredOp(
    String opId,
    String docId,
    long version,
    String src,
    long seq,
    JsonNode op,
    String createType,
    JsonNode createData,
    boolean deleted,
    JsonNode deletedData,
    long timestamp,
    String previousOpId,
    String userId) {

  public boolean isCreate() {
    return createType != null;
  }

  public boolean isEdit() {
    return op != null;
  }
}
