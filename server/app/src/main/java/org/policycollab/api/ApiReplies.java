package org.policycollab.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.policycollab.json.Json;

/**
 * How every {@code /api} endpoint reads and answers: JSON bodies in, JSON out, never cached, errors as
 * {@code {"error": {code, message}}}.
 */
public final class ApiReplies {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiReplies.class);

  private ApiReplies() {}

  /** The request body as a JSON object, or {@code null} when it is missing or not one. */
  public static JsonNode objectBody(RoutingContext context) {
    Buffer buffer = context.body().buffer();
    if (buffer == null) {
      return null;
    }
    try {
      JsonNode body = Json.fromBuffer(buffer);
      return body != null && body.isObject() ? body : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  public static void send(RoutingContext context, int status, JsonNode body) {
    if (context.response().ended()) {
      return;
    }
    context.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .end(Json.toBuffer(body));
  }

  /**
   * Answers with what {@code reply} gives: {@code status} and the body, or the refusal an {@link
   * ApiException} describes, or 503 for anything else (logged as a failed {@code what}).
   */
  public static void answer(RoutingContext context, int status, io.vertx.core.Future<? extends JsonNode> reply, String what) {
    reply.onComplete(done -> {
      if (done.succeeded()) {
        send(context, status, done.result());
      } else if (done.cause() instanceof ApiException known) {
        error(context, known.status(), known.code(), known.getMessage());
      } else {
        LOG.warn("{} failed: {}", what, done.cause().toString());
        error(context, 503, "ERR_STORE_UNAVAILABLE", "the service is unavailable; try again");
      }
    });
  }

  public static void error(RoutingContext context, int status, String code, String message) {
    ObjectNode body = Json.object();
    body.putObject("error").put("code", code).put("message", message);
    send(context, status, body);
  }
}
