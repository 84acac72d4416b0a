package org.policycollab.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicReference;
import org.policycollab.document.DocumentHub;
import org.policycollab.document.Limits;
import org.policycollab.http.HttpVerticle;
import org.policycollab.realtime.AgentLimits;
import org.policycollab.store.DocumentStore;
import org.policycollab.store.StoreOptions;
import org.policycollab.store.Stores;

/** Opens the store and deploys the document hub and the HTTP edge; stops them in reverse order. */
public final class CollabServer {
  private final Vertx vertx;
  private final DocumentStore store;
  private final String hubDeployment;
  private final String httpDeployment;
  private final int port;

  private CollabServer(Vertx vertx, DocumentStore store, String hub, String http, int port) {
    this.vertx = vertx;
    this.store = store;
    this.hubDeployment = hub;
    this.httpDeployment = http;
    this.port = port;
  }

  public static Future<CollabServer> start(Vertx vertx, ServerConfig config) {
    StoreOptions storeOptions = new StoreOptions(config.mongoUri(), config.dataDir(), config.inMemory());
    DocumentHub hub = DocumentHub.openingStore(ioLoop -> Stores.open(vertx, storeOptions, ioLoop), Limits.DEFAULT);
    return vertx
        .deployVerticle(hub)
        .compose(
            hubDeployment ->
                deployHttp(vertx, config, hub.store(), hubDeployment)
                    .recover(error -> vertx.undeploy(hubDeployment)
                        .transform(v -> hub.store().close())
                        .transform(v -> Future.failedFuture(error))));
  }

  private static Future<CollabServer> deployHttp(
      Vertx vertx, ServerConfig config, DocumentStore store, String hubDeployment) {
    AtomicReference<HttpVerticle> first = new AtomicReference<>();
    // One edge per event loop; the hub, deployed first, shares a loop with one of them.
    int instances = config.eventLoops();
    return vertx
        .deployVerticle(
            () -> {
              HttpVerticle verticle = new HttpVerticle(config.host(), config.port(), store, AgentLimits.DEFAULT);
              first.compareAndSet(null, verticle);
              return verticle;
            },
            new DeploymentOptions().setInstances(instances))
        .map(http -> new CollabServer(vertx, store, hubDeployment, http, first.get().actualPort()));
  }

  public int port() {
    return port;
  }

  public String storeDescription() {
    return store.description();
  }

  /** Stops taking connections, saves what the owners hold, closes the store. */
  public Future<Void> stop() {
    return vertx
        .undeploy(httpDeployment)
        .transform(v -> vertx.undeploy(hubDeployment))
        .transform(v -> store.close());
  }
}
