package org.policycollab.realtime;

import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One connection's view of one document: whether it is subscribed, the version its client expects next
 * (ops must reach the client in order, without gaps), the broadcasts held back while a (re)subscribe is
 * under way, and the seqs of the client's ops still waiting for their ack.
 */
final class DocumentFeed {
  /** An op as broadcast by the owner: its version, author and wire message. */
  record Broadcast(long version, String src, long seq, String wire) {}

  final String docId;
  MessageConsumer<String> consumer;
  /** The version the client expects next; -1 while unknown (broadcasts are then held back). */
  long next = -1;
  final List<Broadcast> heldBack = new ArrayList<>();
  /** Fetching ops the feed missed (broadcasts are then held back). */
  boolean catchingUp;
  final Set<Long> awaitingAck = new HashSet<>();

  DocumentFeed(String docId) {
    this.docId = docId;
  }

  boolean subscribed() {
    return consumer != null;
  }

  boolean idle() {
    return consumer == null && awaitingAck.isEmpty();
  }
}
