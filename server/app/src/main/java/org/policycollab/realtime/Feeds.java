package org.policycollab.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.policycollab.document.DocumentBus;
import org.policycollab.document.ErrorCode;
import org.policycollab.json.Json;
import org.policycollab.metrics.ServerMetrics;
import org.policycollab.ot.DeltaJson;
import org.policycollab.ot.OtException;
import org.policycollab.ot.RichText;

/**
 * A connection's documents: fetch and subscribe ({@code f}, {@code s}, {@code u} and their bulk forms),
 * submit ({@code op}), and the ordered delivery of committed ops. Every op reaches the client once, in
 * version order, its own ops as acks and never as ops.
 */
final class Feeds {
  private final EventBus bus;
  private final DocumentClient documents;
  private final Consumer<String> out;
  private final Supplier<String> src;
  private final Map<String, DocumentFeed> feeds = new HashMap<>();
  private final ServerMetrics metrics;

  Feeds(EventBus bus, DocumentClient documents, Consumer<String> out, Supplier<String> src, ServerMetrics metrics) {
    this.metrics = metrics;
    this.bus = bus;
    this.documents = documents;
    this.out = out;
    this.src = src;
  }

  /** {@code f} / {@code s}: the snapshot, or with {@code v} the ops since, then the reply. */
  Future<?> fetch(ObjectNode message, boolean subscribe) {
    String collection = Requests.collection(message);
    String docId = Requests.docId(message.get("d"));
    long from = Requests.version(message.get("v"));
    return load(collection, docId, from, subscribe)
        .onFailure(error -> forget(docId, subscribe))
        .onSuccess(snapshot -> {
          ObjectNode reply = Json.object().put("a", message.path("a").asText()).put("c", collection).put("d", docId);
          if (snapshot != null) {
            reply.set("data", snapshot);
          }
          out.accept(Json.write(reply));
          release(docId);
        });
  }

  /** {@code bf} / {@code bs}: a list of ids (snapshots) or a map of id to version (ops since). */
  Future<?> bulkFetch(ObjectNode message, boolean subscribe) {
    String collection = Requests.collection(message);
    JsonNode ids = message.get("b");
    if (ids == null || !(ids.isArray() || ids.isObject()) || ids.size() > 1_000) {
      throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "b must be a list or map of at most 1000 ids");
    }
    Map<String, Long> wanted = new java.util.LinkedHashMap<>();
    if (ids.isArray()) {
      ids.forEach(id -> wanted.put(Requests.docId(id), -1L));
    } else {
      ids.fields().forEachRemaining(entry -> wanted.put(
          Requests.docId(Json.object().textNode(entry.getKey())), Requests.version(entry.getValue())));
    }
    ObjectNode data = Json.object();
    List<Future<?>> loads = new ArrayList<>();
    wanted.forEach((docId, from) -> loads.add(
        load(collection, docId, from, subscribe)
            .onSuccess(snapshot -> {
              if (snapshot != null) {
                data.set(docId, snapshot);
              }
            })
            .recover(error -> {
              forget(docId, subscribe);
              ErrorCode code = error instanceof ProtocolException p ? p.code() : ErrorCode.INTERNAL;
              data.putObject(docId).putObject("error").put("code", code.wire()).put("message", error.getMessage());
              return Future.succeededFuture();
            })));
    return Future.join(loads).onComplete(done -> {
      ObjectNode reply = Json.object().put("a", message.path("a").asText()).put("c", collection);
      if (ids.isArray()) {
        reply.set("data", data);
      } else {
        reply.set("b", ids);
      }
      out.accept(Json.write(reply));
      wanted.keySet().forEach(this::release);
    });
  }

  Future<?> unsubscribe(ObjectNode message) {
    String collection = Requests.collection(message);
    String docId = Requests.docId(message.get("d"));
    return stopFeed(docId).onSuccess(v ->
        out.accept(Json.write(Json.object().put("a", "u").put("c", collection).put("d", docId))));
  }

  Future<?> bulkUnsubscribe(ObjectNode message) {
    Requests.collection(message);
    JsonNode ids = message.get("b");
    if (ids == null || !ids.isArray()) {
      throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "b must be a list of ids");
    }
    List<Future<?>> stops = new ArrayList<>();
    ids.forEach(id -> stops.add(stopFeed(Requests.docId(id))));
    return Future.join(stops).onSuccess(v -> out.accept(Json.write(message.deepCopy())));
  }

  /**
   * A fetch or subscribe was refused (not shared, store down): a subscription it started stops, so that
   * nothing of the document reaches the client, and nothing piles up for it.
   */
  private void forget(String docId, boolean subscribed) {
    DocumentFeed feed = feeds.get(docId);
    if (feed == null) {
      return;
    }
    if (subscribed && feed.next < 0) {
      stopFeed(docId);
    } else if (feed.idle()) {
      feeds.remove(docId);
    }
  }

  /** Whether the client fetched or subscribed to the document on this connection. */
  boolean holds(String docId) {
    return feeds.containsKey(docId);
  }

  private Future<Void> stopFeed(String docId) {
    DocumentFeed feed = feeds.get(docId);
    if (feed == null || feed.consumer == null) {
      return Future.succeededFuture();
    }
    var consumer = feed.consumer;
    feed.consumer = null;
    feed.next = -1;
    feed.heldBack.clear();
    documents.unwatch(DocumentBus.key(Requests.COLLECTION, docId));
    if (feed.idle()) {
      feeds.remove(docId);
    }
    return consumer.unregister();
  }

  /**
   * Loads a document for the client: the snapshot ({@code from} -1) or the ops since {@code from}, sent
   * at once. When subscribing, broadcasts are held back until {@link #release} after the reply.
   */
  private Future<ObjectNode> load(String collection, String docId, long from, boolean subscribe) {
    DocumentFeed feed = feeds.computeIfAbsent(docId, DocumentFeed::new);
    Future<Void> listening = Future.succeededFuture();
    if (subscribe && feed.consumer == null) {
      feed.next = -1;
      feed.consumer = bus.localConsumer(DocumentBus.opsAddress(collection, docId), message -> onBroadcast(feed, message));
      // Listening first, then reading: whatever is committed after the read reaches this node.
      listening = feed.consumer.completion()
          .compose(v -> documents.watch(DocumentBus.key(collection, docId), collection, docId));
    } else if (subscribe) {
      feed.next = -1;
    }
    if (from < 0) {
      return listening
          .compose(v -> documents.request("fetch", collection, docId, Json.object()))
          .map(reply -> {
            ObjectNode snapshot = (ObjectNode) reply.get("snapshot");
            if (subscribe) {
              feed.next = snapshot.path("v").asLong();
            }
            return snapshot;
          });
    }
    return listening
        .compose(v -> documents.request("ops", collection, docId, Json.object().put("from", from)))
        .map(reply -> {
          for (JsonNode op : reply.get("ops")) {
            out.accept(op.path("msg").asText());
          }
          if (subscribe) {
            feed.next = reply.path("v").asLong();
          }
          return null;
        });
  }

  /** Sends the broadcasts held back during a subscribe, now that the reply is out. */
  private void release(String docId) {
    DocumentFeed feed = feeds.get(docId);
    if (feed == null || feed.next < 0) {
      return;
    }
    List<DocumentFeed.Broadcast> held = new ArrayList<>(feed.heldBack);
    feed.heldBack.clear();
    held.forEach(broadcast -> deliver(feed, broadcast));
  }

  private void onBroadcast(DocumentFeed feed, Message<String> message) {
    String head = message.headers().get(DocumentBus.HEADER_HEAD);
    if (head != null) {
      // The document moved to another owner, now at this version: catch up on what the move hid.
      if (feed.next >= 0 && !feed.catchingUp && Long.parseLong(head) > feed.next) {
        catchUp(feed);
      }
      return;
    }
    DocumentFeed.Broadcast broadcast =
        new DocumentFeed.Broadcast(
            Long.parseLong(message.headers().get(DocumentBus.HEADER_VERSION)),
            message.headers().get(DocumentBus.HEADER_SRC),
            Long.parseLong(message.headers().get(DocumentBus.HEADER_SEQ)),
            message.body());
    if (feed.next < 0 || feed.catchingUp) {
      feed.heldBack.add(broadcast);
    } else {
      deliver(feed, broadcast);
    }
  }

  private void deliver(DocumentFeed feed, DocumentFeed.Broadcast broadcast) {
    if (broadcast.version() < feed.next) {
      return; // the client has it already (from a fetch or an ack's missed ops)
    }
    if (broadcast.version() > feed.next) {
      // Ops from one owner arrive in order; a gap means the document changed owner (a cluster node left
      // or joined) and some ops came another way or not at all. Fetch them before going on.
      feed.heldBack.add(broadcast);
      catchUp(feed);
      return;
    }
    feed.next = broadcast.version() + 1;
    if (broadcast.src().equals(src.get())) {
      if (feed.awaitingAck.remove(broadcast.seq())) {
        out.accept(ack(feed.docId, broadcast.src(), broadcast.seq(), broadcast.version()));
      }
      return; // never echo a client's own op to it
    }
    out.accept(broadcast.wire());
  }

  /** Fetches the ops from the feed's next version, delivers them, then what was held back meanwhile. */
  private void catchUp(DocumentFeed feed) {
    if (feed.catchingUp) {
      return;
    }
    feed.catchingUp = true;
    long from = feed.next;
    documents
        .request("ops", Requests.COLLECTION, feed.docId, Json.object().put("from", from))
        .onComplete(done -> {
          feed.catchingUp = false;
          if (feed.next < 0) {
            return; // unsubscribed meanwhile
          }
          List<DocumentFeed.Broadcast> pending = new ArrayList<>();
          if (done.succeeded()) {
            for (JsonNode op : done.result().get("ops")) {
              pending.add(new DocumentFeed.Broadcast(
                  op.path("v").asLong(), op.path("src").asText(), op.path("seq").asLong(), op.path("msg").asText()));
            }
          }
          pending.addAll(feed.heldBack);
          feed.heldBack.clear();
          pending.sort(java.util.Comparator.comparingLong(DocumentFeed.Broadcast::version));
          for (DocumentFeed.Broadcast broadcast : pending) {
            if (done.failed() && broadcast.version() > feed.next) {
              // Could not fetch the gap: let the client see it, and refetch (the stock client does).
              feed.next = broadcast.version();
            }
            if (!feed.catchingUp) {
              deliver(feed, broadcast);
            } else {
              feed.heldBack.add(broadcast);
            }
          }
        });
  }

  /** {@code op}: a create, edit or delete; acked once durable, after the ops the client missed. */
  Future<?> submit(ObjectNode message) {
    String collection = Requests.collection(message);
    String docId = Requests.docId(message.get("d"));
    long version = Requests.version(message.get("v"));
    long seq = Requests.seq(message.get("seq"));
    JsonNode sentSrc = message.get("src");
    String opSrc = sentSrc != null && sentSrc.isTextual() && !sentSrc.textValue().isEmpty() ? sentSrc.textValue() : src.get();
    if (!Sources.belongsTo(opSrc, documents.caller().username())) {
      // A resent op names the connection it was first sent on; that must have been this person's.
      throw new ProtocolException(ErrorCode.FORBIDDEN, "the op's src names another person's connection");
    }
    ObjectNode request = Json.object();
    request.put("v", version < 0 ? null : version);
    request.put("src", opSrc).put("seq", seq);
    readOp(message, request);
    DocumentFeed feed = feeds.computeIfAbsent(docId, DocumentFeed::new);
    feed.awaitingAck.add(seq);
    long arrived = System.nanoTime();
    return documents
        .request("submit", collection, docId, request)
        .onComplete(done -> {
          boolean stillAwaiting = feed.awaitingAck.remove(seq);
          if (feed.idle()) {
            feeds.remove(docId);
          }
          if (done.succeeded() && stillAwaiting) {
            acknowledge(feed, opSrc, seq, done.result());
            metrics.acknowledged(arrived);
          }
        });
  }

  private void acknowledge(DocumentFeed feed, String opSrc, long seq, ObjectNode reply) {
    for (JsonNode missed : reply.get("missed")) {
      long version = missed.path("v").asLong();
      if (feed.next < 0 || version >= feed.next) {
        if (!missed.path("src").asText().equals(src.get())) {
          out.accept(missed.path("msg").asText());
        }
        if (feed.next >= 0) {
          feed.next = version + 1;
        }
      }
    }
    long committed = reply.path("v").asLong();
    out.accept(ack(feed.docId, opSrc, seq, committed));
    if (feed.subscribed() && feed.next >= 0) {
      feed.next = Math.max(feed.next, committed + 1);
    }
  }

  private static String ack(String docId, String src, long seq, long version) {
    return Json.write(
        Json.object().put("a", "op").put("c", Requests.COLLECTION).put("d", docId).put("src", src).put("seq", seq).put("v", version));
  }

  /** Reads exactly one of {@code op}, {@code create} and {@code del} into the owner's request. */
  private static void readOp(ObjectNode message, ObjectNode request) {
    int kinds = (message.has("op") ? 1 : 0) + (message.has("create") ? 1 : 0) + (message.has("del") ? 1 : 0);
    if (kinds != 1) {
      throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "an op message needs exactly one of op, create and del");
    }
    try {
      if (message.has("op")) {
        // Passed on as the client wrote it: the owner reads it once, and refuses a malformed one.
        request.set("op", message.get("op"));
      } else if (message.has("create")) {
        JsonNode create = message.get("create");
        String type = create.path("type").asText("");
        if (!RichText.isType(type)) {
          throw new ProtocolException(
              ErrorCode.DOC_TYPE_NOT_RECOGNIZED, "type '" + Requests.abbreviate(type) + "' is not served; use rich-text");
        }
        JsonNode data = create.has("data") ? create.get("data") : Json.array();
        request.set("create", DeltaJson.write(RichText.create(DeltaJson.read(data))));
      } else if (message.get("del").asBoolean(false)) {
        request.put("del", true);
      } else {
        throw new ProtocolException(ErrorCode.MESSAGE_BADLY_FORMED, "del must be true");
      }
    } catch (OtException e) {
      throw new ProtocolException(ErrorCode.OT_OP_BADLY_FORMED, e.getMessage());
    }
  }

  void close() {
    for (Iterator<DocumentFeed> it = feeds.values().iterator(); it.hasNext(); ) {
      DocumentFeed feed = it.next();
      if (feed.consumer != null) {
        feed.consumer.unregister();
        documents.unwatch(DocumentBus.key(Requests.COLLECTION, feed.docId));
      }
      it.remove();
    }
  }
}
