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

  public static void error(RoutingContext context, int status, String code, String message) {
    ObjectNode body = Json.object();
    body.putObject("error").put("code", code).put("message", message);
    send(context, status, body);
  }
}
