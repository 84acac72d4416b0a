package org.policycollab.http;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.policycollab.server.CollabServer;
import org.policycollab.server.ServerConfig;

/** {@code /health} follows the store: 200 while it answers, 503 once it does not. */
@ExtendWith(VertxExtension.class)
class HealthTest {

  private record Answer(int status, String body) {}

  private static Answer health(HttpClient client, int port) throws Exception {
    return client
        .request(HttpMethod.GET, port, "127.0.0.1", "/health")
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString())))
        .toCompletionStage()
        .toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("health is 200 with an external store up and 503 after it goes away")
  void followsTheStore(Vertx vertx, @TempDir Path dataDir) throws Exception {
    H2Backend backend = H2Backend.inMemory();
    backend.version(ServerVersion.MONGO_5_0);
    MongoServer wire = new MongoServer(backend);
    InetSocketAddress address = wire.bind();
    String uri = "mongodb://127.0.0.1:" + address.getPort() + "/health_test?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000";
    CollabServer server =
        CollabServer.start(vertx, new ServerConfig("127.0.0.1", 0, dataDir, false, uri))
            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    HttpClient client = vertx.createHttpClient();
    try {
      Answer up = health(client, server.port());
      assertThat(up.status()).isEqualTo(200);
      assertThat(up.body()).contains("\"status\":\"UP\"").doesNotContain("mongodb://");

      wire.shutdownNow();
      Answer down = health(client, server.port());
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.body()).contains("\"status\":\"DOWN\"");
    } finally {
      server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      wire.shutdownNow();
    }
  }
}
