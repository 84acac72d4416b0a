package org.policycollab.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Signs in over REST ({@code POST /api/session}) as any client does, for the token the sockets present. */
final class SessionClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SessionClient() {}

  static Future<String> signIn(Vertx vertx, Target target, String username, String password) {
    HttpClient http = vertx.createHttpClient();
    String body = JSON.createObjectNode().put("username", username).put("password", password).toString();
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(target.baseUrl() + "/api/session")
        .putHeader("content-type", "application/json")
        .setIdleTimeout(TimeUnit.SECONDS.toMillis(30));
    return http.request(request)
        .compose(sent -> sent.send(body))
        .compose(response -> response.body().map(reply -> {
          if (response.statusCode() != 200) {
            throw new LoadError("sign-in", "POST /api/session answered " + response.statusCode() + " " + reply);
          }
          return token(reply.toString());
        }))
        .timeout(30, TimeUnit.SECONDS)
        .eventually(http::close);
  }

  private static String token(String reply) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(reply);
    } catch (IOException e) {
      throw new LoadError("sign-in", "the sign-in reply is not JSON");
    }
    String token = parsed.path("token").asText("");
    if (token.isEmpty()) {
      throw new LoadError("sign-in", "the sign-in reply has no token");
    }
    return token;
  }
}
