package org.policycollab.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.policycollab.api.ApiException;
import org.policycollab.access.AccessNotices;
import org.policycollab.access.Caller;
import org.policycollab.access.Role;
import org.policycollab.cluster.Membership;
import org.policycollab.json.Json;
import org.policycollab.metrics.ServerMetrics;
import org.policycollab.review.Suggestion;
import org.policycollab.ot.DeltaJson;
import org.policycollab.ot.OtException;
import org.policycollab.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.policycollab.logging.DocumentLog;

/**
 * Hosts the document owners of this node and answers the agents' requests on {@link
 * DocumentBus#REQUESTS} and, in a cluster, the other nodes' on this node's own address. Owners are
 * created on first use and unloaded when idle. A request for a document another node owns (the sender
 * saw the cluster differently for a moment) is passed on to that node; when the cluster changes, the
 * documents this node no longer owns are saved and dropped, so that each has one owner.
 */
public final class DocumentHub extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentHub.class);
  /** A document nobody asked for in this long is saved and dropped from memory. */
  private static final long UNLOAD_AFTER_MS = 60_000;

  private final Function<EventLoop, Future<DocumentStore>> openStore;
  private DocumentStore store;
  private final Limits limits;
  /** Edits accepted on this node and not yet durable, bounded across its documents. */
  private final UnsavedOps unsaved;
  private final long unloadAfterMs;
  /** Passed on at most this often: views of the cluster differ only while it changes. */
  private static final int MAX_HOPS = 2;
  /**
   * How long a node that let a document go may still commit what it had queued (its in-flight requests
   * time out well within this): a document taken over checks the store on reads for that long.
   */
  private static final long PREVIOUS_OWNER_MS = 15_000;
  /** Documents loaded this soon after a change of the cluster are logged when they moved here. */
  private static final long TAKEOVER_LOG_MS = 60_000;

  private final Membership membership;
  private final Map<String, DocumentOwner> owners = new HashMap<>();
  private ServerMetrics metrics = ServerMetrics.discarded();
  private Fanout fanout;
  private MessageConsumer<ObjectNode> consumer;
  private MessageConsumer<ObjectNode> clusterConsumer;
  private long unloadTimer;

  /** A hub over a store the caller opened (and closes). */
  public DocumentHub(DocumentStore store, Limits limits) {
    this(ioLoop -> Future.succeededFuture(store), limits, UNLOAD_AFTER_MS, Membership.single());
  }

  /**
   * A hub that opens its store when deployed, giving it this hub's event loop for its network I/O:
   * every commit then completes on the thread that owns the documents, with no hand-off between
   * threads on the path of an acknowledgement. The caller closes the store ({@link #store()}).
   */
  public static DocumentHub openingStore(
      Function<EventLoop, Future<DocumentStore>> openStore, Limits limits, Membership membership, ServerMetrics metrics) {
    DocumentHub hub = new DocumentHub(openStore, limits, UNLOAD_AFTER_MS, membership);
    hub.metrics = metrics;
    metrics.unsavedOps(hub.unsaved::count);
    return hub;
  }

  DocumentHub(DocumentStore store, Limits limits, long unloadAfterMs) {
    this(ioLoop -> Future.succeededFuture(store), limits, unloadAfterMs, Membership.single());
  }

  private DocumentHub(
      Function<EventLoop, Future<DocumentStore>> openStore, Limits limits, long unloadAfterMs, Membership membership) {
    this.openStore = openStore;
    this.limits = limits;
    this.unsaved = new UnsavedOps(limits);
    this.unloadAfterMs = unloadAfterMs;
    this.membership = membership;
  }

  /** The store, once deployed. */
  public DocumentStore store() {
    return store;
  }

  @Override
  public Future<?> start() {
    // Vert.x offers no public handle on a context's event loop; the internal one is stable across 5.x.
    EventLoop ownLoop = ((ContextInternal) context).nettyEventLoop();
    return openStore.apply(ownLoop).<Void>compose(opened -> {
      store = opened;
      fanout = new Fanout(vertx.eventBus(), membership);
      JsonMessageCodec.register(vertx.eventBus());
      consumer = vertx.eventBus().localConsumer(DocumentBus.REQUESTS, this::handle);
      unloadTimer = vertx.setPeriodic(Math.max(1, unloadAfterMs / 2), id -> unloadIdle());
      if (!membership.clustered()) {
        return consumer.completion();
      }
      membership.onChange(context, this::onMembershipChange);
      clusterConsumer = vertx.eventBus().consumer(DocumentBus.hubOf(membership.self()), this::handle);
      return Future.join(consumer.completion(), clusterConsumer.completion()).mapEmpty();
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(unloadTimer);
    List<Future<Void>> flushes = new ArrayList<>();
    owners.values().forEach(owner -> flushes.add(owner.flush()));
    owners.keySet().forEach(key -> metrics.documentUnloaded());
    Future<Void> cluster = clusterConsumer == null ? Future.succeededFuture() : clusterConsumer.unregister();
    return Future.join(consumer.unregister(), cluster).transform(v -> Future.join(flushes));
  }

  /** Saves and drops the documents another node owns now; forgets watchers that left or moved. */
  private void onMembershipChange(Membership.Change change) {
    LOG.info("cluster view: {} node(s) serve documents{}{}", change.after().size(),
        change.left().isEmpty() ? "" : "; left: " + change.left(),
        change.joined().isEmpty() ? "" : "; joined: " + change.joined());
    fanout.forget(change.left());
    List<String> handedOff = new ArrayList<>();
    for (String key : List.copyOf(owners.keySet())) {
      if (!membership.owns(key)) {
        handedOff.add(key);
        DocumentOwner owner = owners.remove(key);
        metrics.documentUnloaded();
        owner.flush();
      }
    }
    if (!handedOff.isEmpty()) {
      LOG.info("handed {} live document(s) to their new owners: {}", handedOff.size(),
          handedOff.size() > 10 ? handedOff.subList(0, 10) + "..." : handedOff);
    }
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
          metrics.documentUnloaded();
        }
      });
    }
  }

  private DocumentOwner owner(String collection, String docId) {
    return owners.computeIfAbsent(DocumentBus.key(collection, docId), key -> {
      // The membership's own record, not this hub's: a request can see the new view before the hub has
      // been told of the change.
      DocumentOwner owner = new DocumentOwner(collection, docId, store, fanout, limits, System::currentTimeMillis,
          notice -> AccessNotices.tell(vertx, notice));
      owner.measuredBy(metrics);
      owner.waitingForStoreOn(vertx, unsaved);
      metrics.documentLoaded();
      Membership.Change lastChange = membership.lastChange();
      if (lastChange != null && System.currentTimeMillis() - lastChange.at() < TAKEOVER_LOG_MS) {
        String before = Membership.ownerAmong(lastChange.before(), key);
        if (before != null && !before.equals(membership.self())) {
          LOG.info("{} moved here from node {}", DocumentLog.tag(docId, null), before);
          owner.checkStoreFor(PREVIOUS_OWNER_MS);
        }
      }
      return owner;
    });
  }

  private void handle(Message<ObjectNode> message) {
    ObjectNode request = message.body();
    String action = request.path("action").asText();
    if ("summary".equals(action)) {
      message.reply(summary()); // addressed to this node, not to a document's owner
      return;
    }
    String key =
        switch (action) {
          case "watch", "unwatch" -> request.path("key").asText();
          case "broadcast" -> request.path("ch").asText();
          default -> DocumentBus.key(request.path("c").asText(), request.path("d").asText());
        };
    if (membership.clustered() && !membership.owns(key)) {
      forward(message, key);
      return;
    }
    switch (action) {
      case "watch" -> watch(message, request, key);
      case "unwatch" -> {
        fanout.unwatch(key, request.path("node").asText());
        message.reply(Json.object());
      }
      case "broadcast" -> {
        fanout.presence(key, request.path("message").asText(), request.path("src").asText(), request.path("kind").asText());
        message.reply(Json.object());
      }
      default -> serve(message, request, action);
    }
  }

  /** The live documents this node owns, as a listing shows them. */
  private ObjectNode summary() {
    ObjectNode body = Json.object();
    ArrayNode docs = body.putArray("docs");
    owners.forEach((key, owner) -> {
      ObjectNode summary = owner.summary();
      if (summary != null && membership.owns(key)) {
        docs.add(summary);
      }
    });
    return body;
  }

  /** Another node's subscribers want this key's ops and presence; the reply carries the version. */
  private void watch(Message<ObjectNode> message, ObjectNode request, String key) {
    fanout.watch(key, request.path("node").asText());
    ObjectNode body = Json.object().put("node", membership.self());
    if (!request.hasNonNull("d")) {
      message.reply(body);
      return;
    }
    owner(request.path("c").asText(), request.path("d").asText())
        .version()
        .onComplete(done -> {
          if (done.succeeded()) {
            body.put("v", done.result());
          }
          message.reply(body);
        });
  }

  /** Passes the request on to the key's owner as this node sees it, and its reply back. */
  private void forward(Message<ObjectNode> message, String key) {
    String hops = message.headers().get(DocumentBus.HEADER_HOPS);
    int hop = hops == null ? 1 : Integer.parseInt(hops) + 1;
    if (hop > MAX_HOPS) {
      message.reply(error(ErrorCode.DOCUMENT_MOVING, "the document is moving between cluster nodes; try again"));
      return;
    }
    String owner = membership.ownerOf(key);
    DeliveryOptions options =
        new DeliveryOptions().setSendTimeout(OwnerClient.REPLY_TIMEOUT_MS).addHeader(DocumentBus.HEADER_HOPS, Integer.toString(hop));
    vertx.eventBus()
        .<ObjectNode>request(DocumentBus.hubOf(owner), message.body(), options)
        .onComplete(done -> message.reply(done.succeeded()
            ? done.result().body()
            : error(ErrorCode.DOCUMENT_MOVING, "the document is moving between cluster nodes; try again")));
  }

  private void serve(Message<ObjectNode> message, ObjectNode request, String action) {
    String collection = request.path("c").asText();
    String docId = request.path("d").asText();
    DocumentOwner owner = owner(collection, docId);
    Caller caller = Caller.of(request);
    Future<ObjectNode> reply =
        switch (action) {
          case "fetch" -> owner.fetch(caller).map(snapshot -> {
            ObjectNode body = Json.object();
            body.set("snapshot", snapshot);
            return body;
          });
          case "ops" -> owner.opsSince(caller, request.path("from").asLong()).map(DocumentHub::opsReply);
          case "describe" -> owner.describe(caller);
          case "access" -> owner.accessOf(caller);
          case "share" -> share(owner, caller, request);
          case "suggestions" -> owner.suggestions(caller).map(DocumentHub::suggestionsReply);
          case "decide" -> decide(owner, caller, request);
          case "anchors" -> owner.anchors(caller);
          case "anchor" -> owner.anchor(caller, request.path("thread").asText(), request.path("v").asLong(-1),
                  request.path("index").asInt(-1), request.path("length").asInt(0))
              .map(anchored -> Json.object().put("quote", anchored.quote()).put("v", anchored.version()));
          case "submit" -> submit(owner, caller, request);
          case "presence" -> owner.presence(caller, (ObjectNode) request.get("message")).map(moved -> {
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

  /** {@code target} gets {@code role}, or loses access when {@code role} is null. */
  private static Future<ObjectNode> share(DocumentOwner owner, Caller caller, ObjectNode request) {
    String target = request.path("target").asText("");
    JsonNode wire = request.get("role");
    Role role = wire == null || wire.isNull() ? null : Role.parse(wire.asText());
    if (target.isEmpty() || (role == null && wire != null && !wire.isNull())) {
      return Future.failedFuture(new ApiException(400, "ERR_BAD_REQUEST", "name a user and a role"));
    }
    return owner.share(caller, target, role);
  }

  private static ObjectNode suggestionsReply(List<Suggestion> suggestions) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("suggestions");
    for (Suggestion suggestion : suggestions) {
      list.addObject()
          .put("id", suggestion.id())
          .put("kind", suggestion.kind().wire())
          .put("author", suggestion.author())
          .put("name", suggestion.name())
          .put("at", suggestion.at())
          .put("index", suggestion.index())
          .put("length", suggestion.length())
          .put("text", suggestion.text());
    }
    return body;
  }

  /** {@code decision} accept or reject, of the suggestions with {@code ids}, by {@code author}, or {@code all}. */
  private static Future<ObjectNode> decide(DocumentOwner owner, Caller caller, ObjectNode request) {
    String decision = request.path("decision").asText("");
    java.util.Set<String> ids = new java.util.HashSet<>();
    request.path("ids").forEach(id -> ids.add(id.asText()));
    String author = request.path("author").asText(null);
    boolean all = request.path("all").asBoolean(false);
    int ways = (ids.isEmpty() ? 0 : 1) + (author == null ? 0 : 1) + (all ? 1 : 0);
    if (!(decision.equals("accept") || decision.equals("reject")) || ways != 1) {
      return Future.failedFuture(new ApiException(400, "ERR_BAD_REQUEST",
          "send {decision: accept | reject} with exactly one of ids: [...], author: name, all: true"));
    }
    java.util.function.Predicate<Suggestion> chosen =
        all ? suggestion -> true : author != null ? suggestion -> suggestion.author().equals(author) : suggestion -> ids.contains(suggestion.id());
    return owner.decide(caller, chosen, decision.equals("accept"))
        .map(decided -> Json.object().put("v", decided.version()).put("decided", decided.decided()));
  }

  private static Future<ObjectNode> submit(DocumentOwner owner, Caller caller, ObjectNode request) {
    Submission submission;
    try {
      submission = submission(request);
    } catch (OtException e) {
      return Future.succeededFuture(error(ErrorCode.OT_OP_BADLY_FORMED, e.getMessage()));
    }
    return owner.submit(submission, caller).map(outcome -> {
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
    if (cause instanceof ApiException refused) {
      ObjectNode body = Json.object();
      body.putObject("error").put("code", refused.code()).put("message", refused.getMessage()).put("status", refused.status());
      return body;
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
