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
  /** Every notice, on each node, for what keeps answers about people (the session cache). */
  private static final String LOCAL_ALL = "collab.access.all";
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  /**
   * What changed for {@code username}: their access to one document ({@code docId}), one session
   * ({@code tokenId}: signed out), or, with neither, the whole account: signed out everywhere ({@code
   * signedOut}: disabled, new password) or its rights changed (administrator or not).
   */
  public record Notice(String username, String docId, String tokenId, boolean signedOut) {
    public static Notice document(String username, String docId) {
      return new Notice(username, docId, null, false);
    }

    public static Notice session(String username, String tokenId) {
      return new Notice(username, null, tokenId, true);
    }

    public static Notice account(String username, boolean signedOut) {
      return new Notice(username, null, null, signedOut);
    }
  }

  private AccessNotices() {}

  /** Tells every node. */
  public static void tell(Vertx vertx, Notice notice) {
    JsonObject body = new JsonObject().put("user", notice.username());
    if (notice.docId() != null) {
      body.put("d", notice.docId());
    }
    if (notice.tokenId() != null) {
      body.put("token", notice.tokenId());
    }
    body.put("signedOut", notice.signedOut());
    vertx.eventBus().publish(CLUSTER_ADDRESS, body.encode());
  }

  /** On each node, once: passes the notices to the connections of this node. */
  public static MessageConsumer<String> relay(Vertx vertx) {
    return vertx.eventBus().<String>consumer(CLUSTER_ADDRESS, message -> {
      JsonObject body = new JsonObject(message.body());
      vertx.eventBus().publish(LOCAL_PREFIX + body.getString("user"), message.body(), LOCAL);
      vertx.eventBus().publish(LOCAL_ALL, message.body(), LOCAL);
    });
  }

  /** Hears every notice that reaches this node, whoever it is about. */
  public static MessageConsumer<String> listenToAll(Vertx vertx, Consumer<Notice> onNotice) {
    return vertx.eventBus().<String>localConsumer(LOCAL_ALL, message -> onNotice.accept(parse(message.body())));
  }

  private static Notice parse(String json) {
    JsonObject body = new JsonObject(json);
    return new Notice(body.getString("user"), body.getString("d"), body.getString("token"), body.getBoolean("signedOut", false));
  }

  /** A connection of {@code username} hears of changes to their access. */
  public static MessageConsumer<String> listen(Vertx vertx, String username, Consumer<Notice> onNotice) {
    return vertx.eventBus().<String>localConsumer(LOCAL_PREFIX + username, message -> onNotice.accept(parse(message.body())));
  }
}
