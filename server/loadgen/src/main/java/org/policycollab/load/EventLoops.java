package org.policycollab.load;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One context on each event loop, to spread connections over them. A connection lives on the loop of
 * the context that opened it, and connections opened from a plain thread all landed on the first loop
 * (measured with Vert.x 5.0.7), so connects are started from these contexts, in turn.
 */
final class EventLoops {
  private final List<Context> contexts;
  private final AtomicInteger next = new AtomicInteger();

  private EventLoops(List<Context> contexts) {
    this.contexts = contexts;
  }

  /** Deploys one do-nothing verticle per loop: Vert.x gives each instance a loop of its own, in turn. */
  static EventLoops start(Vertx vertx, int count) throws InterruptedException {
    List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
    Future<String> deployed = vertx.deployVerticle(() -> new Anchor(contexts), new DeploymentOptions().setInstances(count));
    Await.reply(deployed, "start " + count + " event loops");
    return new EventLoops(List.copyOf(contexts));
  }

  Context next() {
    return contexts.get(Math.floorMod(next.getAndIncrement(), contexts.size()));
  }

  private static final class Anchor extends VerticleBase {
    private final List<Context> contexts;

    Anchor(List<Context> contexts) {
      this.contexts = contexts;
    }

    @Override
    public Future<?> start() {
      contexts.add(context);
      return Future.succeededFuture();
    }
  }
}
