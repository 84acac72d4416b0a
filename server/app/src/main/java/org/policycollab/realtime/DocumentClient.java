package org.policycollab.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import org.policycollab.document.DocumentBus;
import org.policycollab.document.ErrorCode;

/**
 * The agents' side of the document owners: requests over the event bus, replies as JSON objects
 * ({@link org.policycollab.document.JsonMessageCodec}, registered by the HTTP edge). A reply with
 * an {@code error} fails the future with a {@link ProtocolException} carrying its code.
 */
final class DocumentClient {
  private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(30_000);

  private final EventBus bus;

  DocumentClient(EventBus bus) {
    this.bus = bus;
  }

  Future<ObjectNode> request(String action, String collection, String docId, ObjectNode body) {
    body.put("action", action);
    body.put("c", collection);
    body.put("d", docId);
    return bus.<ObjectNode>request(DocumentBus.REQUESTS, body, OPTIONS)
        .recover(
            error ->
                Future.failedFuture(
                    new ProtocolException(ErrorCode.STORE_UNAVAILABLE, "the document service did not answer; try again")))
        .compose(
            reply -> {
              ObjectNode answer = reply.body();
              if (answer.has("error")) {
                return Future.failedFuture(
                    new ProtocolException(
                        codeOf(answer.path("error").path("code").asText()),
                        answer.path("error").path("message").asText()));
              }
              return Future.succeededFuture(answer);
            });
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
