package org.policycollab.access;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * Tells a person's open connections, on every node, that what they may see changed: their role on a
 * document, or their account (disabled). A connection then closes, so that its client reconnects and
 * asks again with the new rights; nothing it may no longer see reaches it meanwhile.
 *
 * <p>One cluster-wide consumer per node ({@link #relay}) republishes each notice on the node to the
 * person's local address, where their connections listen: connections register nothing cluster-wide.
 */
public final class AccessNotices {
  private static final String CLUSTER_ADDRESS = "collab.access";
  private static final String LOCAL_PREFIX = "collab.access.user.";
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  /** What changed: a document's access ({@code docId}), or the whole account ({@code docId} null). */
  public record Notice(String username, String docId) {}

  private AccessNotices() {}

  /** Tells every node. */
  public static void tell(Vertx vertx, Notice notice) {
    JsonObject body = new JsonObject().put("user", notice.username());
    if (notice.docId() != null) {
      body.put("d", notice.docId());
    }
    vertx.eventBus().publish(CLUSTER_ADDRESS, body.encode());
  }

  /** On each node, once: passes the notices to the connections of this node. */
  public static MessageConsumer<String> relay(Vertx vertx) {
    return vertx.eventBus().<String>consumer(CLUSTER_ADDRESS, message -> {
      JsonObject body = new JsonObject(message.body());
      vertx.eventBus().publish(LOCAL_PREFIX + body.getString("user"), message.body(), LOCAL);
    });
  }

  /** A connection of {@code username} hears of changes to their access. */
  public static MessageConsumer<String> listen(Vertx vertx, String username, Consumer<Notice> onNotice) {
    return vertx.eventBus().<String>localConsumer(LOCAL_PREFIX + username, message -> {
      JsonObject body = new JsonObject(message.body());
      onNotice.accept(new Notice(body.getString("user"), body.getString("d")));
    });
  }
}
