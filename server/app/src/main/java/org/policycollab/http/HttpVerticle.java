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
import org.policycollab.accounts.AccountException;
import org.policycollab.accounts.Accounts;
import org.policycollab.accounts.SessionApi;
import org.policycollab.accounts.SessionGuard;
import org.policycollab.accounts.UserApi;
import org.policycollab.catalog.CommentApi;
import org.policycollab.catalog.SharingApi;
import org.policycollab.catalog.SuggestionApi;
import org.policycollab.catalog.CatalogApi;
import org.policycollab.catalog.DocumentCatalog;
import org.policycollab.document.JsonMessageCodec;
import org.policycollab.document.OwnerClient;
import org.policycollab.metrics.ServerMetrics;
import org.policycollab.realtime.Agent;
import org.policycollab.realtime.AgentLimits;
import org.policycollab.store.DocumentStore;

/**
 * The HTTP edge: {@code GET /health}, the ShareDB WebSocket at {@code /ws}, the document list at {@code
 * /api/docs} and the web client at {@code /}. Several instances share the port, one per event loop.
 */
public final class HttpVerticle extends VerticleBase {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpVerticle.class);
  /**
   * Vert.x closes a connection above this; below it, a message over the protocol limit ({@link
   * AgentLimits#maxMessageChars()}) gets an error reply and the connection stays usable.
   */
  private static final int HARD_MESSAGE_LIMIT = 4 << 20;

  private final EdgeSettings settings;
  private final OriginPolicy origins;
  private final DocumentStore store;
  private final Accounts accounts;
  private final OwnerClient owners;
  private final Supplier<Map<String, Object>> cluster;
  private final AgentLimits limits;
  private final ServerMetrics metrics;
  private HttpServer server;

  /**
   * @param cluster what {@code /health} says about the cluster; {@code null} on a single node
   */
  public HttpVerticle(
      EdgeSettings settings,
      DocumentStore store,
      Accounts accounts,
      OwnerClient owners,
      Supplier<Map<String, Object>> cluster,
      AgentLimits limits,
      ServerMetrics metrics) {
    this.metrics = metrics;
    this.settings = settings;
    this.origins = new OriginPolicy(settings.allowedOrigins());
    this.store = store;
    this.accounts = accounts;
    this.owners = owners;
    this.cluster = cluster;
    this.limits = limits;
  }

  @Override
  public Future<?> start() {
    JsonMessageCodec.register(vertx.eventBus());
    Router router = Router.router(vertx);
    router.route().handler(SecurityHeaders::add);
    router.get("/health").handler(this::health);
    router.get("/health/ready").handler(this::health);
    // Alive as long as this answers: the event loop turns. Readiness (above) also needs the store.
    router.get("/health/live").handler(context -> context.response().putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store").end("{\"status\":\"UP\"}"));
    router.get("/metrics").handler(this::metrics);
    router.route("/ws").handler(this::upgrade);
    ApiRoutes.mount(router, new SessionApi(accounts), new SessionGuard(accounts),
        new CatalogApi(new DocumentCatalog(store, owners)), new SharingApi(owners, accounts.store()),
        new SuggestionApi(owners), new CommentApi(owners, store.comments()), new UserApi(vertx, accounts));
    WebClientFiles.mount(router, settings.webRoot());
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(settings.host())
            .setPort(settings.port())
            .setMaxWebSocketFrameSize(HARD_MESSAGE_LIMIT)
            .setMaxWebSocketMessageSize(HARD_MESSAGE_LIMIT)
            // Ops are small and fanned out to every subscriber: compressing each copy cost more CPU than
            // everything else together (measured: deflate dominated the event loops under 100 clients).
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false);
    server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen();
  }

  private static String abbreviate(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "..." : text;
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

  /** Prometheus' text format; the scrape runs on a worker, since formatting every histogram takes a while. */
  private void metrics(RoutingContext context) {
    vertx.executeBlocking(metrics::scrape, false).onComplete(done -> {
      if (done.succeeded()) {
        context.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
            .putHeader("cache-control", "no-store").end(done.result());
      } else {
        context.response().setStatusCode(500).end();
      }
    });
  }

  private void upgrade(RoutingContext context) {
    if (!origins.allows(context.request())) {
      LOG.info("refused a WebSocket from a page of origin {} (see --allowed-origins)",
          abbreviate(context.request().getHeader("origin")));
      context.response().setStatusCode(403).putHeader("content-type", "text/plain; charset=utf-8")
          .end("WebSocket refused: pages of this origin may not connect (see --allowed-origins)");
      return;
    }
    // No document data flows before the session is checked: without one, the upgrade is refused.
    context.request().pause();
    accounts.current(SessionApi.token(context.request())).onComplete(session -> {
      if (session.failed()) {
        boolean unavailable = !(session.cause() instanceof AccountException);
        context.response().setStatusCode(unavailable ? 503 : 401).putHeader("content-type", "text/plain; charset=utf-8")
            .end(unavailable ? "the account store is unavailable; try again" : "WebSocket refused: sign in first");
        return;
      }
      context
          .request()
          .toWebSocket()
          .onSuccess(socket -> new Agent(vertx, socket, store, owners, limits, session.result(), metrics).start())
          .onFailure(error -> {
            if (!context.response().ended()) {
              context.response().setStatusCode(400).end("WebSocket upgrade required");
            }
          });
    });
  }
}
