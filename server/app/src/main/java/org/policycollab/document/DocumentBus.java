package org.policycollab.document;

/**
 * Event-bus addresses and headers between the WebSocket agents and the document owners. The owners are
 * reachable only through these messages, so an owner can live on another cluster node.
 */
public final class DocumentBus {
  /** Requests to the document owners: fetch, ops, submit, presence. */
  public static final String REQUESTS = "collab.documents";

  public static final String HEADER_VERSION = "v";
  public static final String HEADER_SRC = "src";
  public static final String HEADER_SEQ = "seq";
  /** On presence messages: {@code p} (a presence, to everyone including its sender) or {@code pr}. */
  public static final String HEADER_KIND = "kind";

  private DocumentBus() {}

  /** Where the committed ops of a document are published, in version order, as wire messages. */
  public static String opsAddress(String collection, String docId) {
    return "collab.ops." + collection + "." + docId;
  }

  /** Where presence on a channel ({@code <collection>.<docId>} for a document) is published. */
  public static String presenceAddress(String channel) {
    return "collab.presence." + channel;
  }
}
