package org.policycollab.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Supplier;
import org.policycollab.catalog.CatalogApi;
import org.policycollab.catalog.DocumentCatalog;
import org.policycollab.document.JsonMessageCodec;
import org.policycollab.document.OwnerClient;
import org.policycollab.realtime.Agent;
import org.policycollab.realtime.AgentLimits;
import org.policycollab.store.DocumentStore;

/**
 * The HTTP edge: {@code GET /health}, the ShareDB WebSocket at {@code /ws}, the document list at {@code
 * /api/docs} and the web client at {@code /}. Several instances share the port, one per event loop.
 */
public final class HttpVerticle extends VerticleBase {
  /**
   * Vert.x closes a connection above this; below it, a message over the protocol limit ({@link
   * AgentLimits#maxMessageChars()}) gets an error reply and the connection stays usable.
   */
  private static final int HARD_MESSAGE_LIMIT = 4 << 20;

  private final String host;
  private final int port;
  private final DocumentStore store;
  private final OwnerClient owners;
  private final Supplier<Map<String, Object>> cluster;
  private final AgentLimits limits;
  private final java.nio.file.Path webRoot;
  private HttpServer server;

  /**
   * @param cluster what {@code /health} says about the cluster; {@code null} on a single node
   * @param webRoot a directory to serve the web client from instead of the jar's copy; may be {@code null}
   */
  public HttpVerticle(
      String host,
      int port,
      DocumentStore store,
      OwnerClient owners,
      Supplier<Map<String, Object>> cluster,
      AgentLimits limits,
      java.nio.file.Path webRoot) {
    this.host = host;
    this.port = port;
    this.store = store;
    this.owners = owners;
    this.cluster = cluster;
    this.limits = limits;
    this.webRoot = webRoot;
  }

  @Override
  public Future<?> start() {
    JsonMessageCodec.register(vertx.eventBus());
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    router.route("/ws").handler(this::upgrade);
    new CatalogApi(new DocumentCatalog(store, owners)).mount(router);
    WebClientFiles.mount(router, webRoot);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(host)
            .setPort(port)
            .setMaxWebSocketFrameSize(HARD_MESSAGE_LIMIT)
            .setMaxWebSocketMessageSize(HARD_MESSAGE_LIMIT)
            // Ops are small and fanned out to every subscriber: compressing each copy cost more CPU than
            // everything else together (measured: deflate dominated the event loops under 100 clients).
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false);
    server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen();
  }

  /** Whether the web client is in this jar (not when built with {@code -Dweb.skip} and no dist/). */
  public static boolean webClientPacked() {
    return WebClientFiles.packed();
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void health(RoutingContext context) {
    store
        .ping()
        .timeout(5, java.util.concurrent.TimeUnit.SECONDS)
        .onComplete(ping -> {
          // A cluster node is up once it serves documents; until then the others route around it.
          boolean serving = cluster == null || owners.membership().nodes().contains(owners.membership().self());
          boolean up = ping.succeeded() && serving;
          JsonObject body =
              new JsonObject()
                  .put("status", up ? "UP" : "DOWN")
                  .put("store", store.description());
          if (cluster != null) {
            body.put("cluster", new JsonObject(cluster.get()));
          }
          context
              .response()
              .setStatusCode(up ? 200 : 503)
              .putHeader("content-type", "application/json")
              .putHeader("cache-control", "no-store")
              .end(body.encode());
        });
  }

  private void upgrade(RoutingContext context) {
    context
        .request()
        .toWebSocket()
        .onSuccess(socket -> new Agent(vertx, socket, store, owners, limits).start())
        .onFailure(error -> {
          if (!context.response().ended()) {
            context.response().setStatusCode(400).end("WebSocket upgrade required");
          }
        });
  }
}
