package org.policycollab.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import org.policycollab.access.Caller;
import org.policycollab.document.DocumentBus;
import org.policycollab.document.ErrorCode;
import org.policycollab.document.OwnerClient;
import org.policycollab.json.Json;

/**
 * The agents' side of the document owners: requests to a document's owner (on this node or another),
 * replies as JSON objects ({@link org.policycollab.document.JsonMessageCodec}); a reply with an {@code
 * error} fails the future with a {@link ProtocolException} carrying its code. In a cluster, also the
 * watching of keys through this node's relay, and presence broadcasts through the channel's owner.
 */
final class DocumentClient {
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final EventBus bus;
  private final OwnerClient owners;
  private final Caller caller;

  /** Every request names {@code caller}: the owner decides what they may do. */
  DocumentClient(EventBus bus, OwnerClient owners, Caller caller) {
    this.bus = bus;
    this.owners = owners;
    this.caller = caller;
  }

  Caller caller() {
    return caller;
  }

  Future<ObjectNode> request(String action, String collection, String docId, ObjectNode body) {
    caller.stamp(body);
    body.put("action", action);
    body.put("c", collection);
    body.put("d", docId);
    return owners.request(DocumentBus.key(collection, docId), body)
        .recover(
            error ->
                Future.failedFuture(
                    new ProtocolException(ErrorCode.STORE_UNAVAILABLE, "the document service did not answer; try again")))
        .compose(
            answer -> {
              if (answer.has("error")) {
                return Future.failedFuture(
                    new ProtocolException(
                        codeOf(answer.path("error").path("code").asText()),
                        answer.path("error").path("message").asText()));
              }
              return Future.succeededFuture(answer);
            });
  }

  /**
   * Has this node receive the ops and presence of {@code key} (a document's when {@code docId} is given)
   * from its owner; at once on a single node, where every owner publishes here.
   */
  Future<Void> watch(String key, String collection, String docId) {
    if (!owners.membership().clustered()) {
      return Future.succeededFuture();
    }
    ObjectNode request = Json.object().put("action", "watch").put("key", key);
    if (docId != null) {
      request.put("c", collection).put("d", docId);
    }
    return bus.<ObjectNode>request(DocumentBus.RELAY, request, LOCAL).compose(reply -> {
      ObjectNode answer = reply.body();
      return answer.has("error")
          ? Future.failedFuture(new ProtocolException(ErrorCode.DOCUMENT_MOVING, answer.path("error").path("message").asText()))
          : Future.succeededFuture();
    });
  }

  /** Undoes one {@link #watch}. */
  void unwatch(String key) {
    if (owners.membership().clustered()) {
      bus.send(DocumentBus.RELAY, Json.object().put("action", "unwatch").put("key", key), LOCAL);
    }
  }

  /**
   * Sends a presence message ({@code kind} {@code p} or {@code pr}) to everyone on a channel, through
   * the channel's owner in a cluster so that it reaches every node watching it.
   */
  void broadcast(String channel, String message, String src, String kind) {
    if (!owners.membership().clustered()) {
      DeliveryOptions options =
          new DeliveryOptions().setLocalOnly(true).addHeader(DocumentBus.HEADER_SRC, src).addHeader(DocumentBus.HEADER_KIND, kind);
      bus.publish(DocumentBus.presenceAddress(channel), message, options);
      return;
    }
    ObjectNode request =
        Json.object().put("action", "broadcast").put("ch", channel).put("message", message).put("src", src).put("kind", kind);
    // Presence is a hint that clients repeat; a lost one is not worth an error to the sender.
    owners.request(channel, request);
  }

  private static ErrorCode codeOf(String wire) {
    for (ErrorCode code : ErrorCode.values()) {
      if (code.wire().equals(wire)) {
        return code;
      }
    }
    return ErrorCode.INTERNAL;
  }
}
