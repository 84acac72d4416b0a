package org.policycollab.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import org.policycollab.document.Content;
import org.policycollab.document.ErrorCode;
import org.policycollab.document.OpMessages;
import org.policycollab.store.DocumentStore;
import org.policycollab.store.Snapshot;
import org.policycollab.store.StoredOp;

/**
 * Snapshots of the past ({@code nf}, {@code nt}): the nearest milestone at or before the version, rolled
 * forward over the ops after it. Reads the store only; the live owner is not involved.
 */
final class History {
  private final DocumentStore store;

  History(DocumentStore store) {
    this.store = store;
  }

  /** The document at {@code version}, or at its latest when {@code version} is -1. */
  Future<ObjectNode> at(String collection, String docId, long version) {
    long target = version < 0 ? Long.MAX_VALUE : version;
    return store
        .milestone(collection, docId, target)
        .map(found -> found == null ? Snapshot.missing(docId) : found)
        .compose(base -> store.ops(collection, docId, base.version(), target).map(ops -> roll(base, ops, version)));
  }

  /** The document as it was at {@code timestamp} (ms), or at its latest for -1. */
  Future<ObjectNode> atTime(String collection, String docId, long timestamp) {
    if (timestamp < 0) {
      return at(collection, docId, -1);
    }
    return store.versionAt(collection, docId, timestamp).compose(version -> at(collection, docId, version));
  }

  private static ObjectNode roll(Snapshot base, java.util.List<StoredOp> ops, long wanted) {
    Content content = Content.of(base);
    long version = base.version();
    for (StoredOp op : ops) {
      if (op.version() == version) {
        content = content.after(op);
        version++;
      }
    }
    if (wanted >= 0 && version < wanted) {
      throw new ProtocolException(
          ErrorCode.OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT, "version " + wanted + " is newer than " + version);
    }
    return OpMessages.snapshot(version, content.type(), content.type() == null ? null : content.text().toDelta());
  }
}
