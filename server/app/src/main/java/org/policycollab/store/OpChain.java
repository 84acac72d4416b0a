package org.policycollab.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.types.ObjectId;

/**
 * Telling committed ops from crash orphans in data written by sharedb-mongo. Its commit inserts the op
 * and then writes the snapshot; a crash in between leaves an op nobody links to, and the retried commit
 * inserts another op with the same {@code (d, v)}. The committed one is on the chain: the next op's
 * {@code o}, or the snapshot's {@code _o} for the latest op, names it.
 */
final class OpChain {
  private static final Comparator<BsonDocument> BY_ID =
      Comparator.comparing(document -> MongoLayout.objectId(document.get("_id")));

  private OpChain() {}

  static boolean hasDuplicateVersions(List<BsonDocument> sortedOps) {
    for (int i = 1; i < sortedOps.size(); i++) {
      if (version(sortedOps.get(i)) == version(sortedOps.get(i - 1))) {
        return true;
      }
    }
    return false;
  }

  /** The ids a chain link points to: every op's {@code o}. */
  static Set<ObjectId> links(List<BsonDocument> ops) {
    Set<ObjectId> links = new HashSet<>();
    for (BsonDocument op : ops) {
      ObjectId previous = MongoLayout.objectId(op.get("o"));
      if (previous != null) {
        links.add(previous);
      }
    }
    return links;
  }

  /**
   * One op per version from ops sorted by version, keeping the linked one where a version repeats.
   * {@code links} must include the links from outside the list (the op after the last one, the
   * snapshot's {@code _o}).
   */
  static List<BsonDocument> onChain(List<BsonDocument> sortedOps, Set<ObjectId> links) {
    List<BsonDocument> chain = new ArrayList<>(sortedOps.size());
    int start = 0;
    while (start < sortedOps.size()) {
      int end = start + 1;
      while (end < sortedOps.size() && version(sortedOps.get(end)) == version(sortedOps.get(start))) {
        end++;
      }
      chain.add(linked(sortedOps.subList(start, end), links));
      start = end;
    }
    return chain;
  }

  /**
   * The candidate for one version that the chain links to. When none is linked (all of them lie past
   * the snapshot, which sharedb-mongo never committed), the first inserted, so every reader agrees.
   */
  static BsonDocument linked(List<BsonDocument> sameVersion, Set<ObjectId> links) {
    return sameVersion.stream()
        .filter(op -> links.contains(MongoLayout.objectId(op.get("_id"))))
        .findFirst()
        .orElseGet(() -> sameVersion.stream().min(BY_ID).orElseThrow());
  }

  private static long version(BsonDocument op) {
    return BsonJson.longValue(op, "v");
  }
}
