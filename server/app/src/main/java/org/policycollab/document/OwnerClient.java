package org.policycollab.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.policycollab.cluster.Membership;

/**
 * Requests to the owner of a key, wherever it lives: this node's hub, or another node's over the
 * clustered event bus. One per node, shared by every event loop (thread-safe).
 *
 * <p>In a cluster the owner can die or move while a request is on its way. Such requests are sent again,
 * to the owner of the moment, until {@link #RETRY_FOR_MS} has passed: when the node a request went to
 * leaves the cluster, its requests fail at once and go to the new owner, instead of waiting out the
 * reply timeout. Resending is safe: reads are reads, and a submission carries its {@code src} and
 * {@code seq}, so an owner that finds it already committed acknowledges it again and applies nothing.
 */
public final class OwnerClient {
  static final long REPLY_TIMEOUT_MS = 30_000;
  /** Long enough for the cluster to notice a dead member and settle who owns what. */
  private static final long RETRY_FOR_MS = 15_000;
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setSendTimeout(REPLY_TIMEOUT_MS);
  private static final DeliveryOptions REMOTE = new DeliveryOptions().setSendTimeout(REPLY_TIMEOUT_MS);

  private record Pending(Context context, Promise<ObjectNode> promise) {}

  /** The node a request was sent to left the cluster before it answered. */
  static final class NodeLeftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NodeLeftException(String node) {
      super("cluster node " + node + " left", null, false, false);
    }
  }

  private final Vertx vertx;
  private final Membership membership;
  private final Map<String, Set<Pending>> inFlight = new ConcurrentHashMap<>();

  public OwnerClient(Vertx vertx, Membership membership) {
    this.vertx = vertx;
    this.membership = membership;
    membership.onChange(null, change -> change.left().forEach(this::failRequestsTo));
  }

  public Membership membership() {
    return membership;
  }

  /** Sends {@code body} to the owner of {@code key}; the reply body, which may be an {@code error}. */
  public Future<ObjectNode> request(String key, ObjectNode body) {
    if (!membership.clustered()) {
      return vertx.eventBus().<ObjectNode>request(DocumentBus.REQUESTS, body, LOCAL).map(Message::body);
    }
    return attempt(key, body, System.currentTimeMillis() + RETRY_FOR_MS, 0);
  }

  /**
   * Sends {@code body} to the hub of every node serving documents; the replies of those that answered
   * (a listing shows what it can rather than nothing).
   */
  public Future<List<ObjectNode>> requestEveryNode(ObjectNode body) {
    List<String> nodes = membership.clustered() ? membership.nodes() : List.of(membership.self());
    List<Future<ObjectNode>> replies = new ArrayList<>();
    for (String node : nodes.isEmpty() ? List.of(membership.self()) : nodes) {
      replies.add(send(node, body.deepCopy()).recover(error -> Future.succeededFuture(null)));
    }
    return Future.join(replies).map(all -> {
      List<ObjectNode> answered = new ArrayList<>();
      for (Future<ObjectNode> reply : replies) {
        if (reply.result() != null) {
          answered.add(reply.result());
        }
      }
      return answered;
    });
  }

  /** Sends {@code body} to {@code node}'s hub, expecting no reply (an unwatch, say). */
  public void tell(String node, ObjectNode body) {
    if (membership.self().equals(node)) {
      vertx.eventBus().send(DocumentBus.REQUESTS, body, LOCAL);
    } else {
      vertx.eventBus().send(DocumentBus.hubOf(node), body, REMOTE);
    }
  }

  private Future<ObjectNode> attempt(String key, ObjectNode body, long deadline, int attempt) {
    String owner = membership.ownerOf(key);
    return send(owner, body).transform(done -> {
      boolean again = done.succeeded() ? moving(done.result()) : retryable(done.cause());
      if (!again || System.currentTimeMillis() >= deadline) {
        return done.succeeded() ? Future.succeededFuture(done.result()) : Future.failedFuture(done.cause());
      }
      Promise<Void> wait = Promise.promise();
      vertx.setTimer(Math.min(1_000, 25L << Math.min(attempt, 6)), id -> wait.complete());
      return wait.future().compose(v -> attempt(key, body, deadline, attempt + 1));
    });
  }

  private Future<ObjectNode> send(String node, ObjectNode body) {
    if (membership.self().equals(node)) {
      return vertx.eventBus().<ObjectNode>request(DocumentBus.REQUESTS, body, LOCAL).map(Message::body);
    }
    Promise<ObjectNode> reply = Promise.promise();
    Pending pending = new Pending(vertx.getOrCreateContext(), reply);
    Set<Pending> toNode = inFlight.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet());
    toNode.add(pending);
    vertx.eventBus()
        .<ObjectNode>request(DocumentBus.hubOf(node), body, REMOTE)
        .onComplete(done -> {
          toNode.remove(pending);
          if (done.succeeded()) {
            reply.tryComplete(done.result().body());
          } else {
            reply.tryFail(done.cause());
          }
        });
    // The node may have left between choosing it and registering the request.
    if (!membership.nodes().contains(node)) {
      reply.tryFail(new NodeLeftException(node));
    }
    return reply.future();
  }

  private void failRequestsTo(String node) {
    Set<Pending> pending = inFlight.remove(node);
    if (pending == null) {
      return;
    }
    for (Pending request : pending) {
      request.context().runOnContext(v -> request.promise().tryFail(new NodeLeftException(node)));
    }
  }

  private static boolean moving(ObjectNode reply) {
    return ErrorCode.DOCUMENT_MOVING.wire().equals(reply.path("error").path("code").asText());
  }

  /** No answer because the node is gone or going: try the owner of the moment. A slow owner is not retried. */
  private static boolean retryable(Throwable error) {
    if (error instanceof ReplyException reply) {
      return reply.failureType() == ReplyFailure.NO_HANDLERS || reply.failureType() == ReplyFailure.ERROR;
    }
    return true;
  }
}
