package org.policycollab.document;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.policycollab.cluster.Membership;

/**
 * Where an owner's ops and presence go: to this node's subscribers (a local publish), and to each other
 * node that watches the key (one message per node, which its {@link NodeRelay} republishes there). Runs
 * on the hub's event loop.
 */
final class Fanout {
  private final EventBus bus;
  private final Membership membership;
  private final Map<String, Set<String>> watchers = new HashMap<>();

  Fanout(EventBus bus, Membership membership) {
    this.bus = bus;
    this.membership = membership;
  }

  void watch(String key, String node) {
    if (!node.equals(membership.self())) {
      watchers.computeIfAbsent(key, k -> new HashSet<>()).add(node);
    }
  }

  void unwatch(String key, String node) {
    Set<String> nodes = watchers.get(key);
    if (nodes != null && nodes.remove(node) && nodes.isEmpty()) {
      watchers.remove(key);
    }
  }

  /** Drops the nodes that left, and the keys this node no longer owns (their relays watch the new owner). */
  void forget(Set<String> leftNodes) {
    watchers.values().forEach(nodes -> nodes.removeAll(leftNodes));
    watchers.entrySet().removeIf(entry -> entry.getValue().isEmpty() || !membership.owns(entry.getKey()));
  }

  int watchedKeys() {
    return watchers.size();
  }

  void op(String collection, String docId, CommittedOp op) {
    String version = Long.toString(op.version());
    String seq = Long.toString(op.stored().seq());
    DeliveryOptions local =
        new DeliveryOptions()
            .setLocalOnly(true)
            .addHeader(DocumentBus.HEADER_VERSION, version)
            .addHeader(DocumentBus.HEADER_SRC, op.stored().src())
            .addHeader(DocumentBus.HEADER_SEQ, seq);
    bus.publish(DocumentBus.opsAddress(collection, docId), op.wire(), local);
    Set<String> nodes = watchers.get(DocumentBus.key(collection, docId));
    if (nodes != null) {
      relay(nodes, op.wire(), new DeliveryOptions(local)
          .setLocalOnly(false)
          .addHeader(DocumentBus.HEADER_TYPE, "op")
          .addHeader(DocumentBus.HEADER_COLLECTION, collection)
          .addHeader(DocumentBus.HEADER_DOC, docId));
    }
  }

  /** A presence message ({@code kind} {@code p} or {@code pr}) from {@code src} to everyone on the channel. */
  void presence(String channel, String message, String src, String kind) {
    DeliveryOptions local =
        new DeliveryOptions()
            .setLocalOnly(true)
            .addHeader(DocumentBus.HEADER_SRC, src)
            .addHeader(DocumentBus.HEADER_KIND, kind);
    bus.publish(DocumentBus.presenceAddress(channel), message, local);
    Set<String> nodes = watchers.get(channel);
    if (nodes != null) {
      relay(nodes, message, new DeliveryOptions(local)
          .setLocalOnly(false)
          .addHeader(DocumentBus.HEADER_TYPE, "p")
          .addHeader(DocumentBus.HEADER_CHANNEL, channel));
    }
  }

  /** One message to each watching node; they all share the options, which nobody changes after this. */
  private void relay(Set<String> nodes, String body, DeliveryOptions options) {
    for (String node : nodes) {
      bus.send(DocumentBus.relayOf(node), body, options);
    }
  }
}
