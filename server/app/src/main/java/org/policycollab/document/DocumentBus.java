package org.policycollab.document;

/**
 * Event-bus addresses and headers between the WebSocket agents, the document owners and, in a cluster,
 * the nodes. The owners are reachable only through these messages, so an owner can live on another
 * node. Within a node everything is local-only (no cluster registry lookups on the path of an edit);
 * between nodes every message goes point to point to a node's own address.
 */
public final class DocumentBus {
  /** This node's document hub, for this node's agents: fetch, ops, submit, presence, watch, broadcast. */
  public static final String REQUESTS = "collab.documents";
  /** This node's relay, for this node's agents: watch and unwatch a key. */
  public static final String RELAY = "collab.relay";

  public static final String HEADER_VERSION = "v";
  public static final String HEADER_SRC = "src";
  public static final String HEADER_SEQ = "seq";
  /** On presence messages: {@code p} (a presence, to everyone including its sender) or {@code pr}. */
  public static final String HEADER_KIND = "kind";
  /** On an ops address without a body: the owner is at this version; a subscriber behind it catches up. */
  public static final String HEADER_HEAD = "head";
  /** On relayed messages between nodes: {@code op} or {@code p}. */
  static final String HEADER_TYPE = "t";
  static final String HEADER_COLLECTION = "c";
  static final String HEADER_DOC = "d";
  static final String HEADER_CHANNEL = "ch";
  /** On a request one hub forwarded to another: how often it has been forwarded. */
  static final String HEADER_HOPS = "hops";

  private DocumentBus() {}

  /**
   * What ownership is decided by: a document's key is its presence channel, so a document, its ops and
   * its presence have one owner.
   */
  public static String key(String collection, String docId) {
    return collection + "." + docId;
  }

  /** Where the committed ops of a document are published on each node, in version order, as wire messages. */
  public static String opsAddress(String collection, String docId) {
    return "collab.ops." + collection + "." + docId;
  }

  /** Where presence on a channel ({@code <collection>.<docId>} for a document) is published on each node. */
  public static String presenceAddress(String channel) {
    return "collab.presence." + channel;
  }

  /** A node's document hub, for the other nodes. */
  static String hubOf(String node) {
    return "collab.documents." + node;
  }

  /** A node's relay, where owners send the ops and presence of the keys it watches. */
  static String relayOf(String node) {
    return "collab.relay." + node;
  }
}
