package org.policycollab.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.policycollab.json.Json;
import org.policycollab.ot.DeltaJson;
import org.policycollab.ot.OtException;
import org.policycollab.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the document owners of this node and answers the agents' requests on {@link
 * DocumentBus#REQUESTS}. Owners are created on first use and unloaded when idle.
 */
public final class DocumentHub extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentHub.class);
  /** A document nobody asked for in this long is saved and dropped from memory. */
  private static final long UNLOAD_AFTER_MS = 60_000;

  private final Function<EventLoop, Future<DocumentStore>> openStore;
  private DocumentStore store;
  private final Limits limits;
  private final long unloadAfterMs;
  private final Map<String, DocumentOwner> owners = new HashMap<>();
  private MessageConsumer<ObjectNode> consumer;
  private long unloadTimer;

  /** A hub over a store the caller opened (and closes). */
  public DocumentHub(DocumentStore store, Limits limits) {
    this(ioLoop -> Future.succeededFuture(store), limits, UNLOAD_AFTER_MS);
  }

  /**
   * A hub that opens its store when deployed, giving it this hub's event loop for its network I/O:
   * every commit then completes on the thread that owns the documents, with no hand-off between
   * threads on the path of an acknowledgement. The caller closes the store ({@link #store()}).
   */
  public static DocumentHub openingStore(Function<EventLoop, Future<DocumentStore>> openStore, Limits limits) {
    return new DocumentHub(openStore, limits, UNLOAD_AFTER_MS);
  }

  DocumentHub(DocumentStore store, Limits limits, long unloadAfterMs) {
    this(ioLoop -> Future.succeededFuture(store), limits, unloadAfterMs);
  }

  private DocumentHub(Function<EventLoop, Future<DocumentStore>> openStore, Limits limits, long unloadAfterMs) {
    this.openStore = openStore;
    this.limits = limits;
    this.unloadAfterMs = unloadAfterMs;
  }

  /** The store, once deployed. */
  public DocumentStore store() {
    return store;
  }

  @Override
  public Future<?> start() {
    // Vert.x offers no public handle on a context's event loop; the internal one is stable across 5.x.
    EventLoop ownLoop = ((ContextInternal) context).nettyEventLoop();
    return openStore.apply(ownLoop).compose(opened -> {
      store = opened;
      JsonMessageCodec.register(vertx.eventBus());
      consumer = vertx.eventBus().consumer(DocumentBus.REQUESTS, this::handle);
      unloadTimer = vertx.setPeriodic(Math.max(1, unloadAfterMs / 2), id -> unloadIdle());
      return consumer.completion();
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(unloadTimer);
    List<Future<Void>> flushes = new ArrayList<>();
    owners.values().forEach(owner -> flushes.add(owner.flush()));
    return consumer.unregister().compose(v -> Future.join(flushes));
  }

  private void unloadIdle() {
    long before = System.currentTimeMillis() - unloadAfterMs;
    List<String> idle = new ArrayList<>();
    owners.forEach((key, owner) -> {
      if (owner.idleSince(before)) {
        idle.add(key);
      }
    });
    for (String key : idle) {
      DocumentOwner owner = owners.get(key);
      owner.flush().onComplete(done -> {
        // Still idle after the save: forget it; the next request loads it again from the store.
        if (owners.get(key) == owner && owner.idleSince(before)) {
          owners.remove(key);
        }
      });
    }
  }

  private DocumentOwner owner(String collection, String docId) {
    return owners.computeIfAbsent(
        collection + "/" + docId,
        key -> new DocumentOwner(collection, docId, store, vertx.eventBus(), limits, System::currentTimeMillis));
  }

  private void handle(Message<ObjectNode> message) {
    ObjectNode request = message.body();
    String collection = request.path("c").asText();
    String docId = request.path("d").asText();
    DocumentOwner owner = owner(collection, docId);
    Future<ObjectNode> reply =
        switch (request.path("action").asText()) {
          case "fetch" -> owner.fetch().map(snapshot -> {
            ObjectNode body = Json.object();
            body.set("snapshot", snapshot);
            return body;
          });
          case "ops" -> owner.opsSince(request.path("from").asLong()).map(DocumentHub::opsReply);
          case "submit" -> submit(owner, request);
          case "presence" -> owner.presence((ObjectNode) request.get("message")).map(moved -> {
            ObjectNode body = Json.object();
            body.set("message", moved);
            return body;
          });
          default -> Future.failedFuture(new DocumentException(ErrorCode.INTERNAL, "unknown request"));
        };
    reply.onComplete(
        done -> message.reply(done.succeeded() ? done.result() : failure(done.cause())));
  }

  private static ObjectNode opsReply(DocumentOwner.OpsSince since) {
    ObjectNode body = Json.object();
    body.put("v", since.version());
    body.set("ops", wireOps(since.ops()));
    return body;
  }

  static ArrayNode wireOps(List<CommittedOp> ops) {
    ArrayNode array = Json.array();
    for (CommittedOp op : ops) {
      array.addObject()
          .put("v", op.version())
          .put("src", op.stored().src())
          .put("seq", op.stored().seq())
          .put("msg", op.wire());
    }
    return array;
  }

  private static Future<ObjectNode> submit(DocumentOwner owner, ObjectNode request) {
    Submission submission;
    try {
      submission = submission(request);
    } catch (OtException e) {
      return Future.succeededFuture(error(ErrorCode.OT_OP_BADLY_FORMED, e.getMessage()));
    }
    return owner.submit(submission).map(outcome -> {
      if (outcome instanceof Submission.Rejected rejected) {
        return error(rejected.code(), rejected.message());
      }
      Submission.Accepted accepted = (Submission.Accepted) outcome;
      ObjectNode body = Json.object();
      body.put("v", accepted.version());
      body.set("missed", wireOps(accepted.missed()));
      return body;
    });
  }

  private static Submission submission(ObjectNode request) {
    JsonNode version = request.get("v");
    JsonNode op = request.get("op");
    JsonNode create = request.get("create");
    return new Submission(
        version == null || version.isNull() ? -1 : version.asLong(),
        request.path("src").asText(),
        request.path("seq").asLong(),
        op == null ? null : DeltaJson.read(op),
        create == null ? null : DeltaJson.read(create),
        request.path("del").asBoolean(false),
        request.path("user").asText(null),
        Promise.promise(),
        0);
  }

  private static ObjectNode failure(Throwable cause) {
    if (cause instanceof DocumentException known) {
      return error(known.code(), known.getMessage());
    }
    LOG.warn("document request failed: {}", cause.toString());
    return error(ErrorCode.STORE_UNAVAILABLE, "the document store is unavailable; try again");
  }

  static ObjectNode error(ErrorCode code, String message) {
    ObjectNode body = Json.object();
    body.putObject("error").put("code", code.wire()).put("message", message);
    return body;
  }
}
