package org.policycollab.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.policycollab.access.AccessNotices;
import org.policycollab.accounts.Accounts;
import org.policycollab.accounts.PasswordHasher;
import org.policycollab.accounts.SessionTokens;
import org.policycollab.cluster.HazelcastMembership;
import org.policycollab.cluster.Membership;
import org.policycollab.document.DocumentHub;
import org.policycollab.document.NodeRelay;
import org.policycollab.document.OwnerClient;
import org.policycollab.http.EdgeSettings;
import org.policycollab.http.HttpVerticle;
import org.policycollab.metrics.ServerMetrics;
import org.policycollab.realtime.AgentLimits;
import org.policycollab.store.DocumentStore;
import org.policycollab.store.StoreOptions;
import org.policycollab.store.Stores;
import org.slf4j.LoggerFactory;

/**
 * Opens the store and deploys the document hub (and, in a cluster, the relay) and the HTTP edge; a
 * cluster node then announces that it serves documents. Stops in reverse order.
 */
public final class CollabServer {
  private final Vertx vertx;
  private final DocumentStore store;
  private final HazelcastMembership cluster;
  private final String hubDeployment;
  private final String relayDeployment;
  private final String httpDeployment;
  private final int port;
  private io.vertx.core.eventbus.MessageConsumer<String> notices;

  private CollabServer(
      Vertx vertx, DocumentStore store, HazelcastMembership cluster, String hub, String relay, String http, int port) {
    this.vertx = vertx;
    this.store = store;
    this.cluster = cluster;
    this.hubDeployment = hub;
    this.relayDeployment = relay;
    this.httpDeployment = http;
    this.port = port;
  }

  /** A single node. */
  public static Future<CollabServer> start(Vertx vertx, ServerConfig config) {
    return start(vertx, config, null, new ServerMetrics());
  }

  /**
   * A node of the cluster {@code cluster} describes, or a single node when it is {@code null}; its
   * meters go to {@code metrics} (the registry Vert.x was built with, so /metrics shows both).
   */
  public static Future<CollabServer> start(Vertx vertx, ServerConfig config, HazelcastMembership cluster, ServerMetrics metrics) {
    Membership membership = cluster == null ? Membership.single() : cluster.membership();
    OwnerClient owners = new OwnerClient(vertx, membership);
    StoreOptions storeOptions = new StoreOptions(config.mongoUri(), config.dataDir(), config.inMemory());
    DocumentHub hub =
        DocumentHub.openingStore(ioLoop -> Stores.open(vertx, storeOptions, ioLoop), config.limits(), membership, metrics);
    if (cluster != null) {
      metrics.clusterMembers(() -> membership.nodes().size());
    }
    // One per node: passes changes of people's access to their connections on this node.
    var notices = AccessNotices.relay(vertx);
    return vertx
        .deployVerticle(hub)
        .compose(hubDeployment -> deployRelay(vertx, owners, cluster)
            .compose(relayDeployment -> openAccounts(vertx, config, hub.store())
                .compose(accounts -> deployHttp(vertx, config, hub.store(), accounts, owners, cluster, metrics))
                .compose(http -> {
                  CollabServer server = new CollabServer(
                      vertx, hub.store(), cluster, hubDeployment, relayDeployment, http.deploymentId, http.port);
                  server.notices = notices;
                  return cluster == null
                      ? Future.succeededFuture(server)
                      : cluster.announce(advertisedHost(config, cluster) + ":" + http.port).map(server);
                }))
            .recover(error -> notices.unregister().transform(v -> vertx.undeploy(hubDeployment))
                .transform(v -> hub.store().close())
                .transform(v -> Future.failedFuture(error))));
  }

  /**
   * Signing in: the session key (from {@code COLLAB_SESSION_KEY}, else kept in the data directory) and,
   * on an empty store, the administrator (password from {@code COLLAB_ADMIN_PASSWORD}, else generated
   * and logged once). Secrets come from the environment only: flags show in process lists.
   */
  private static Future<Accounts> openAccounts(Vertx vertx, ServerConfig config, DocumentStore store) {
    String sessionKey = config.accounts().sessionKey();
    if (config.cluster().enabled() && (sessionKey == null || sessionKey.isBlank())) {
      LoggerFactory.getLogger(CollabServer.class).warn(
          "no COLLAB_SESSION_KEY: each cluster node signs sessions with its own key, so a session works on one node"
              + " only; give every node the same secret");
    }
    return vertx
        .executeBlocking(() -> {
          SessionTokens tokens = SessionTokens.open(
              vertx, sessionKey, config.inMemory() ? null : config.dataDir(), config.accounts().sessionLifetimeSeconds());
          return new Accounts(vertx, store.accounts(), tokens, new PasswordHasher());
        })
        .compose(accounts -> accounts.bootstrap(config.accounts().adminPassword()).map(accounts))
        .compose(accounts -> accounts.followNotices().completion().map(accounts));
  }

  /** Where the others can reach this node's HTTP edge, for /health. */
  private static String advertisedHost(ServerConfig config, HazelcastMembership cluster) {
    if (config.cluster().host() != null) {
      return config.cluster().host();
    }
    return "0.0.0.0".equals(config.host()) || "::".equals(config.host()) ? cluster.memberHost() : config.host();
  }

  private static Future<String> deployRelay(Vertx vertx, OwnerClient owners, HazelcastMembership cluster) {
    return cluster == null ? Future.succeededFuture(null) : vertx.deployVerticle(new NodeRelay(owners));
  }

  private record Http(String deploymentId, int port) {}

  private static Future<Http> deployHttp(
      Vertx vertx,
      ServerConfig config,
      DocumentStore store,
      Accounts accounts,
      OwnerClient owners,
      HazelcastMembership cluster,
      ServerMetrics metrics) {
    AtomicReference<HttpVerticle> first = new AtomicReference<>();
    Supplier<Map<String, Object>> health = cluster == null ? null : cluster::describe;
    // One edge per event loop; the hub, deployed first, shares a loop with one of them.
    int instances = config.eventLoops();
    return vertx
        .deployVerticle(
            () -> {
              HttpVerticle verticle =
                  new HttpVerticle(
                      new EdgeSettings(config.host(), config.port(), config.webRoot(), config.allowedOrigins()),
                      store, accounts, owners, health, AgentLimits.DEFAULT, metrics);
              first.compareAndSet(null, verticle);
              return verticle;
            },
            new DeploymentOptions().setInstances(instances))
        .map(id -> new Http(id, first.get().actualPort()));
  }

  public int port() {
    return port;
  }

  public String storeDescription() {
    return store.description();
  }

  /**
   * Hands this node's documents to the rest of the cluster, stops taking connections, saves what the
   * owners hold, closes the store.
   */
  public Future<Void> stop() {
    Future<Void> withdrawn = cluster == null ? Future.succeededFuture() : cluster.withdraw();
    return withdrawn
        .transform(v -> vertx.undeploy(httpDeployment))
        .transform(v -> notices.unregister())
        .transform(v -> relayDeployment == null ? Future.succeededFuture() : vertx.undeploy(relayDeployment))
        .transform(v -> vertx.undeploy(hubDeployment))
        .transform(v -> store.close());
  }
}
