package org.policycollab.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.MultiMap;
import java.util.HashMap;
import java.util.Map;
import org.policycollab.cluster.Membership;
import org.policycollab.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's end of the owners' fan-out. This node's agents watch the keys they subscribe to
 * (counted here); the first watch of a key registers this node with the key's owner, and the owner then
 * sends each op and presence once to this node, which republishes it to its own subscribers.
 *
 * <p>When the owner of a key changes (a node left or joined), the key is watched again at its new owner,
 * and the subscribers are told the version the new owner is at, so that any op they missed in the move
 * is fetched. Only deployed in a cluster.
 */
public final class NodeRelay extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRelay.class);

  private static final class Watch {
    int count;
    String collection;
    String docId;
    /** The node whose hub registered this node, once it answered. */
    String owner;
    Future<Void> ready;
  }

  private final OwnerClient owners;
  private final Membership membership;
  private final Map<String, Watch> watched = new HashMap<>();
  private MessageConsumer<ObjectNode> local;
  private MessageConsumer<String> relayed;

  public NodeRelay(OwnerClient owners) {
    this.owners = owners;
    this.membership = owners.membership();
  }

  @Override
  public Future<?> start() {
    local = vertx.eventBus().localConsumer(DocumentBus.RELAY, this::onLocal);
    relayed = vertx.eventBus().consumer(DocumentBus.relayOf(membership.self()), this::onRelayed);
    membership.onChange(context, change -> rewatch());
    return Future.join(local.completion(), relayed.completion());
  }

  @Override
  public Future<?> stop() {
    return Future.join(local.unregister(), relayed.unregister());
  }

  private void onLocal(Message<ObjectNode> message) {
    ObjectNode request = message.body();
    String key = request.path("key").asText();
    if ("unwatch".equals(request.path("action").asText())) {
      Watch watch = watched.get(key);
      if (watch != null && --watch.count <= 0) {
        watched.remove(key);
        if (watch.owner != null) {
          unwatchAt(watch.owner, key);
        }
      }
      return;
    }
    Watch watch = watched.computeIfAbsent(key, k -> new Watch());
    watch.count++;
    if (request.hasNonNull("d")) {
      watch.collection = request.path("c").asText();
      watch.docId = request.path("d").asText();
    }
    if (watch.ready == null || watch.ready.failed()) {
      watch.ready = watchAtOwner(key, watch);
    }
    watch.ready.onComplete(done -> message.reply(
        done.succeeded() ? Json.object() : DocumentHub.error(ErrorCode.DOCUMENT_MOVING, "could not reach the document's owner; try again")));
  }

  /** Registers this node with the key's owner; tells the subscribers where the owner is. */
  private Future<Void> watchAtOwner(String key, Watch watch) {
    ObjectNode request = Json.object().put("action", "watch").put("key", key).put("node", membership.self());
    if (watch.docId != null) {
      request.put("c", watch.collection).put("d", watch.docId);
    }
    return owners.request(key, request).compose(reply -> {
      if (reply.has("error")) {
        return Future.failedFuture(reply.path("error").path("message").asText());
      }
      watch.owner = reply.path("node").asText();
      if (watched.get(key) != watch) {
        // Every local subscriber left while the owner was registering this node: undo it.
        unwatchAt(watch.owner, key);
        return Future.succeededFuture();
      }
      if (reply.has("v") && watch.docId != null) {
        DeliveryOptions head =
            new DeliveryOptions().setLocalOnly(true).addHeader(DocumentBus.HEADER_HEAD, reply.path("v").asText());
        vertx.eventBus().publish(DocumentBus.opsAddress(watch.collection, watch.docId), "", head);
      }
      return Future.succeededFuture();
    });
  }

  private void unwatchAt(String owner, String key) {
    owners.tell(owner, Json.object().put("action", "unwatch").put("key", key).put("node", membership.self()));
  }

  private void rewatch() {
    int moved = 0;
    for (Map.Entry<String, Watch> entry : watched.entrySet()) {
      Watch watch = entry.getValue();
      if (watch.owner != null && !watch.owner.equals(membership.ownerOf(entry.getKey()))) {
        moved++;
        String key = entry.getKey();
        watch.ready = watchAtOwner(key, watch)
            .onFailure(error -> LOG.warn("could not watch {} at its new owner: {}", key, error.getMessage()));
      }
    }
    if (moved > 0) {
      LOG.info("{} watched document(s) moved to new owners; watching them there", moved);
    }
  }

  private void onRelayed(Message<String> message) {
    MultiMap headers = message.headers();
    if ("op".equals(headers.get(DocumentBus.HEADER_TYPE))) {
      DeliveryOptions options =
          new DeliveryOptions()
              .setLocalOnly(true)
              .addHeader(DocumentBus.HEADER_VERSION, headers.get(DocumentBus.HEADER_VERSION))
              .addHeader(DocumentBus.HEADER_SRC, headers.get(DocumentBus.HEADER_SRC))
              .addHeader(DocumentBus.HEADER_SEQ, headers.get(DocumentBus.HEADER_SEQ));
      String address =
          DocumentBus.opsAddress(headers.get(DocumentBus.HEADER_COLLECTION), headers.get(DocumentBus.HEADER_DOC));
      vertx.eventBus().publish(address, message.body(), options);
    } else {
      DeliveryOptions options =
          new DeliveryOptions()
              .setLocalOnly(true)
              .addHeader(DocumentBus.HEADER_SRC, headers.get(DocumentBus.HEADER_SRC))
              .addHeader(DocumentBus.HEADER_KIND, headers.get(DocumentBus.HEADER_KIND));
      vertx.eventBus().publish(DocumentBus.presenceAddress(headers.get(DocumentBus.HEADER_CHANNEL)), message.body(), options);
    }
  }
}
