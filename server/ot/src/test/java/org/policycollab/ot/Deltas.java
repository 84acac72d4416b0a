package org.policycollab.ot;

/** Deltas written as JSON with single quotes, for readable examples. */
final class Deltas {
  private Deltas() {}

  static Delta d(String json) {
    return DeltaJson.parse(json.replace('\'', '"'));
  }
}
