package org.policycollab.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bson.types.ObjectId;
import org.policycollab.api.ApiException;
import org.policycollab.access.AccessNotices;
import org.policycollab.access.Caller;
import org.policycollab.access.DocumentAccess;
import org.policycollab.access.Role;
import org.policycollab.json.Json;
import org.policycollab.metrics.ServerMetrics;
import org.policycollab.ot.Delta;
import org.policycollab.ot.Attributes;
import org.policycollab.review.CommentAnchors;
import org.policycollab.review.CommentThread;
import org.policycollab.review.Suggestion;
import org.policycollab.review.Suggestions;
import org.policycollab.ot.OtException;
import org.policycollab.ot.RichText;
import org.policycollab.store.CommitConflictException;
import org.policycollab.store.DocumentStore;
import org.policycollab.store.StoreErrors;
import org.policycollab.store.StoredOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.policycollab.logging.DocumentLog;

/**
 * The one owner of a live document: it serialises every submission, commits them in groups (all that
 * arrived while the previous write was in flight go in one batched write), and only after the write is
 * durable publishes the ops and acknowledges them. Runs on its hub's event loop; nothing else touches
 * its state.
 *
 * <p>It also decides who may do what with the document: every request names its {@link Caller}, checked
 * against the document's {@link DocumentAccess}, which only the owner changes. So a change of role and
 * the ops around it are ordered like ops are: an op queued after a change is judged by it.
 */
final class DocumentOwner {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentOwner.class);
  /** A lost commit race reloads and retries; past this many, the client is told. */
  private static final int MAX_ATTEMPTS = 5;
  /** Snapshots are a cache behind the op log: written every so many versions, when idle and on unload. */
  static final int SNAPSHOT_EVERY = 1_000;
  /** A presence not repeated for this long no longer counts its person as in the document. */
  static final long PRESENT_FOR_MS = 90_000;
  private static final int MAX_NAME = 64;

  private final String collection;
  private final String docId;
  private final DocumentStore store;
  private final Fanout fanout;
  private final Limits limits;
  private final Supplier<Long> clock;
  private final java.util.function.Consumer<AccessNotices.Notice> notices;
  private ServerMetrics metrics = ServerMetrics.discarded();
  /** A commit not answered within this long makes readers see "saving". */
  static final long SAVING_NOTICE_MS = 2_000;
  private static final long FIRST_STORE_PAUSE_MS = 250;
  private static final long MAX_STORE_PAUSE_MS = 2_000;
  /** Timers for waiting on the store; {@code null}: a failed write refuses its group (tools, tests). */
  private io.vertx.core.Vertx timers;
  private UnsavedOps unsaved = new UnsavedOps(Limits.DEFAULT);
  private final SavingStatus savingStatus;

  private final ArrayDeque<Submission> queue = new ArrayDeque<>();
  /** The last submission's admission (role checked, queued or refused): the next waits for it. */
  private Future<Void> admission = Future.succeededFuture();
  private Future<DocumentState> state;
  private long checkStoreUntil;
  /** Who may do what; {@code null} inside when the document has no record (never created with accounts). */
  private Future<DocumentAccess> access;
  private boolean committing;
  private long savedVersion = -1;
  private Future<Void> saving = Future.succeededFuture();
  private long lastActivity;
  /** Who is in the document: presence id to the display name its presence carries, and when last heard. */
  private final Map<String, Present> present = new HashMap<>();

  private record Present(String name, long heardAt) {}

  DocumentOwner(
      String collection, String docId, DocumentStore store, Fanout fanout, Limits limits, Supplier<Long> clock) {
    this(collection, docId, store, fanout, limits, clock, notice -> {});
  }

  DocumentOwner(
      String collection,
      String docId,
      DocumentStore store,
      Fanout fanout,
      Limits limits,
      Supplier<Long> clock,
      java.util.function.Consumer<AccessNotices.Notice> notices) {
    this.notices = notices;
    this.collection = collection;
    this.docId = docId;
    this.store = store;
    this.fanout = fanout;
    this.limits = limits;
    this.clock = clock;
    this.lastActivity = clock.get();
    this.savingStatus = new SavingStatus(docId, fanout, clock);
  }

  private Future<DocumentState> state() {
    if (state == null || state.failed()) {
      state = load();
    }
    return state;
  }

  /**
   * The state, reloaded from the store first if a client names a version beyond it: then another owner
   * has committed meanwhile (the cluster moved the document, or split), and the store knows more than
   * this copy. Only for the batch about to be committed ({@code forBatch}) or while no commit is in
   * flight: a commit in flight holds the state.
   */
  private Future<DocumentState> stateAtLeast(long version, boolean forBatch) {
    return state().compose(loaded -> {
      if (version <= loaded.version() || (committing && !forBatch)) {
        return Future.succeededFuture(loaded);
      }
      LOG.info("{} is at version {} in the store's view of a client, {} here; reloading", DocumentLog.tag(docId, null), version, loaded.version());
      state = load();
      return state;
    });
  }

  /**
   * The document came from another node, which may still be committing what it had queued when it let
   * go: until {@code ms} from now, reads first check the store for ops newer than this copy.
   */
  void checkStoreFor(long ms) {
    checkStoreUntil = clock.get() + ms;
  }

  /** The state, reloaded first if a previous owner committed after it was loaded (see {@link #checkStoreFor}). */
  private Future<DocumentState> current() {
    Future<DocumentState> loaded = state();
    if (clock.get() >= checkStoreUntil) {
      return loaded;
    }
    return loaded.compose(copy -> {
      if (committing) {
        return Future.succeededFuture(copy); // a commit of ours is in flight: it meets anything newer itself
      }
      return store.ops(collection, docId, copy.version(), copy.version() + 1).compose(newer -> {
        if (newer.isEmpty() || committing) {
          return Future.succeededFuture(copy);
        }
        if (state == loaded) {
          LOG.info("{} got version {} from its previous owner after loading here; reloading", DocumentLog.tag(docId, null), copy.version() + 1);
          state = load();
        }
        return state;
      });
    });
  }

  private Future<DocumentState> load() {
    // Started inside compose so that even a store that throws gives a failed future, never a throw.
    return Future.<Void>succeededFuture()
        .compose(v -> store.snapshot(collection, docId))
        .compose(
            snapshot ->
                store
                    .ops(collection, docId, snapshot.version(), Long.MAX_VALUE)
                    .map(ops -> DocumentState.load(collection, snapshot, ops, limits)))
        .onSuccess(
            loaded -> {
              loaded.recent().trim();
              if (savedVersion < 0) {
                savedVersion = loaded.version();
              }
            })
        .onFailure(error -> LOG.warn("{} could not be loaded: {}", DocumentLog.tag(docId, null), error.toString()));
  }

  private Future<DocumentAccess> access() {
    if (access == null || access.failed()) {
      access = Future.<Void>succeededFuture().compose(v -> store.access().find(collection, docId));
    }
    return access;
  }

  /**
   * Where a caller stands: their role ({@code null} for none), and whether the document is unclaimed (no
   * access record and never created), which anyone may read (it is empty) and create.
   */
  record Standing(Role role, boolean unclaimed, DocumentState loaded, DocumentAccess recorded) {
    boolean canRead() {
      return role != null || unclaimed;
    }
  }

  Future<Standing> standing(Caller caller) {
    if (caller == null) {
      return Future.failedFuture(forbidden());
    }
    return current().compose(loaded -> access().map(recorded -> {
      Role role = caller.admin() ? Role.MANAGER : recorded == null ? null : recorded.roleOf(caller.username());
      return new Standing(role, recorded == null && loaded.version() == 0, loaded, recorded);
    }));
  }

  /** The caller's standing, failing with {@code ERR_FORBIDDEN} unless they may read the document. */
  private Future<Standing> readable(Caller caller) {
    return standing(caller).compose(standing ->
        standing.canRead() ? Future.succeededFuture(standing) : Future.failedFuture(forbidden()));
  }

  private static DocumentException forbidden() {
    return new DocumentException(ErrorCode.FORBIDDEN, "this document has not been shared with you; ask its manager");
  }

  /** The caller's role and everyone's, for the sharing dialog; any reader may see who else has access. */
  Future<ObjectNode> accessOf(Caller caller) {
    lastActivity = clock.get();
    return readable(caller).map(standing ->
        accessReply(standing.recorded(), standing.role()).put("exists", standing.loaded().exists()));
  }

  /**
   * Gives {@code target} the role {@code role}, or takes their access away ({@code role} null); managers
   * only. Changes are applied one at a time, in the order asked. Whoever had a role before is told, so
   * that their open connections reconnect with the new one.
   */
  Future<ObjectNode> share(Caller caller, String target, Role role) {
    lastActivity = clock.get();
    return standing(caller).compose(standing -> {
      if (standing.role() == null || !standing.role().canShare()) {
        return Future.failedFuture(standing.canRead()
            ? new ApiException(403, "ERR_FORBIDDEN", "only the document's managers may share it")
            : forbidden());
      }
      if (!standing.loaded().exists() && standing.recorded() == null) {
        return Future.failedFuture(new ApiException(404, "ERR_NOT_FOUND", "no document " + docId));
      }
      Promise<DocumentAccess> changed = Promise.promise();
      Promise<Role> before = Promise.promise();
      access = access().compose(current -> {
        // A document from before accounts has no record: whoever shares it first (an administrator) manages it.
        DocumentAccess from = current == null ? DocumentAccess.createdBy(caller.username(), clock.get()) : current;
        DocumentAccess next;
        try {
          next = role == null ? from.without(target) : from.with(target, role);
        } catch (ApiException refused) {
          changed.fail(refused);
          return Future.succeededFuture(current);
        }
        before.complete(from.roleOf(target));
        return store.access().save(collection, docId, next)
            .map(v -> next)
            .onComplete(changed)
            // Not known whether it was written: read what the store has.
            .recover(error -> store.access().find(collection, docId));
      });
      return changed.future().map(next -> {
        Role previous = before.future().result();
        if (previous != null && previous != role) {
          notices.accept(AccessNotices.Notice.document(target, docId));
        }
        return accessReply(next, standing.role());
      });
    });
  }

  /** The caller's role and everyone's ({@code recorded} null: nobody's yet). */
  private static ObjectNode accessReply(DocumentAccess recorded, Role callerRole) {
    ObjectNode reply = Json.object().put("role", callerRole == null ? null : callerRole.wire());
    var list = reply.putArray("access");
    if (recorded != null) {
      recorded.roles().forEach((user, role) -> list.addObject().put("user", user).put("role", role.wire()));
      reply.put("createdBy", recorded.createdBy());
    }
    return reply;
  }

  /** The version after a submission the server made for someone, or its refusal as a failure. */
  private static Future<Long> versionAfter(Future<Submission.Outcome> outcome) {
    return outcome.compose(done -> done instanceof Submission.Accepted accepted
        ? Future.succeededFuture(accepted.version() + 1)
        : Future.failedFuture(new DocumentException(((Submission.Rejected) done).code(), ((Submission.Rejected) done).message())));
  }

  /**
   * Checks a submission against its author's role: editors and managers change the text; a create of an
   * unclaimed document makes its author the manager; reviewers' edits go on marked suggest-only (the
   * document checks them once transformed: {@link org.policycollab.review.SuggestionRules}); viewers are
   * refused.
   */
  private Future<Future<Submission.Outcome>> authorize(Submission submission, Caller caller, boolean claimTried) {
    return standing(caller).compose(standing -> {
      if (submission.isCreate() && standing.unclaimed() && !claimTried) {
        DocumentAccess created = DocumentAccess.createdBy(caller.username(), clock.get());
        Future<Boolean> claimed = store.access().claim(collection, docId, created);
        access = claimed.compose(won -> won ? Future.succeededFuture(created) : store.access().find(collection, docId));
        return access.compose(v -> authorize(submission, caller, true));
      }
      Role role = standing.role();
      if (role == null && !standing.unclaimed()) {
        return refused(rejected(forbidden()));
      }
      Submission queued = submission;
      if (role == Role.REVIEWER) {
        if (!submission.isEdit()) {
          return refused(new Submission.Rejected(ErrorCode.SUGGESTIONS_ONLY,
              "reviewers suggest changes to the text; they do not create or delete documents"));
        }
        queued = submission.suggesting(); // checked against the document once transformed
      } else if (role != null && !role.canEdit()) {
        return refused(new Submission.Rejected(ErrorCode.DOCUMENT_READ_ONLY,
            "viewers may read this document but not change it"));
      }
      // An edit of an unclaimed document goes on, to be refused as an edit of a document that does not exist.
      return Future.succeededFuture(enqueue(queued));
    });
  }

  /** Admitted and decided at once: refused. */
  private static Future<Future<Submission.Outcome>> refused(Submission.Outcome outcome) {
    return Future.succeededFuture(Future.succeededFuture(outcome));
  }

  /**
   * Queues a submission for the next group commit, if the node has room for one more unsaved edit
   * ({@link UnsavedOps}); it counts until it is answered.
   */
  private Future<Submission.Outcome> enqueue(Submission submission) {
    if (!unsaved.hold(submission)) {
      return Future.succeededFuture(new Submission.Rejected(ErrorCode.STORE_BACKLOG_FULL,
          "the document store has not answered for a while and this server holds as many unsaved edits as it may;"
              + " this edit was not accepted, try again shortly (the edits already accepted are kept)"));
    }
    submission.reply().future().onComplete(done -> unsaved.release(submission));
    queue.add(submission);
    drain();
    return submission.reply().future();
  }

  /** The suggestions in the document now, for anyone who may read it. */
  Future<List<Suggestion>> suggestions(Caller caller) {
    lastActivity = clock.get();
    return readable(caller).map(standing -> Suggestions.in(standing.loaded().document()));
  }

  /**
   * Accepts or rejects the suggestions {@code chosen} picks, as one op committed in the caller's name.
   * Editors and managers decide anyone's; the author of a suggestion may reject (withdraw) their own.
   */
  Future<Decided> decide(Caller caller, Predicate<Suggestion> chosen, boolean accept) {
    lastActivity = clock.get();
    return readable(caller).compose(standing -> {
      DocumentState loaded = standing.loaded();
      List<Suggestion> picked = Suggestions.in(loaded.document()).stream().filter(chosen).toList();
      boolean decides = standing.role() != null && standing.role().canEdit();
      boolean withdraws = !accept && standing.role() == Role.REVIEWER
          && picked.stream().allMatch(suggestion -> suggestion.author().equals(caller.username()));
      if (!decides && !withdraws) {
        return Future.failedFuture(new ApiException(403, "ERR_FORBIDDEN",
            "only editors and managers accept or reject suggestions; their authors may withdraw their own"));
      }
      Delta op = Suggestions.decide(loaded.document(), chosen, accept);
      if (picked.isEmpty() || op.ops().isEmpty()) {
        return Future.succeededFuture(new Decided(loaded.version(), 0));
      }
      Submission submission = new Submission(loaded.version(), caller.username() + ":review-" + new ObjectId().toHexString(),
          1, op, null, false, caller.username(), Promise.promise(), 0);
      return versionAfter(submit(submission, caller)).map(version -> new Decided(version, picked.size()));
    });
  }

  /**
   * Anchors comment thread {@code threadId} to the passage {@code [index, index + length)} of version
   * {@code from}, moved to the current version: one op gives that text the thread's anchor attribute.
   * Reviewers, editors and managers comment. The op is the server's, made for the commenter, so a
   * reviewer (whose own ops may not format text) can anchor too.
   */
  Future<Anchored> anchor(Caller caller, String threadId, long from, int index, int length) {
    lastActivity = clock.get();
    return readable(caller).compose(standing -> {
      if (standing.role() == null || standing.role() == Role.VIEWER) {
        return Future.failedFuture(new ApiException(403, "ERR_FORBIDDEN", "viewers read comments; reviewers, editors and managers write them"));
      }
      return stateAtLeast(from, false).compose(loaded -> {
        if (from > loaded.version() || from < 0) {
          return Future.failedFuture(new ApiException(400, "ERR_BAD_REQUEST", "version " + from + " is not one of this document's"));
        }
        return loadRecentFrom(loaded, from).map(v -> loaded);
      }).compose(loaded -> {
        JsonNode range = Json.object().put("index", index).put("length", length);
        for (CommittedOp op : loaded.recent().from(from)) {
          range = op.delta() == null || range == null ? null : RichText.transformPresence(range, op.delta(), false);
        }
        int at = range == null ? 0 : range.path("index").asInt();
        int span = range == null ? 0 : Math.min(range.path("length").asInt(), loaded.document().length() - 1 - at);
        if (span <= 0) {
          return Future.failedFuture(new ApiException(409, "ERR_PASSAGE_GONE", "the passage was deleted meanwhile; select it again"));
        }
        StringBuilder quote = new StringBuilder();
        loaded.document().slice(at, at + span).ops().forEach(piece ->
            quote.append(piece instanceof org.policycollab.ot.TextInsert text ? text.text() : "\uFFFC"));
        Delta op = Delta.builder().retain(at).retain(span, Attributes.of(CommentThread.anchorAttribute(threadId), true)).build();
        Submission submission = new Submission(loaded.version(), caller.username() + ":comment-" + threadId, 1, op, null, false,
            caller.username(), Promise.promise(), 0);
        return versionAfter(enqueue(submission)).map(version -> new Anchored(quote.toString(), version));
      });
    });
  }

  /** A thread anchored: the text it is about, and the version after the anchoring op. */
  record Anchored(String quote, long version) {}

  /** The caller's role and where each thread's passage is now, for anyone who may read the document. */
  Future<ObjectNode> anchors(Caller caller) {
    lastActivity = clock.get();
    return readable(caller).map(standing -> {
      ObjectNode reply = Json.object().put("role", standing.role() == null ? null : standing.role().wire());
      ObjectNode anchors = reply.putObject("anchors");
      CommentAnchors.in(standing.loaded().document()).forEach((thread, ranges) -> {
        var list = anchors.putArray(thread);
        ranges.forEach(range -> list.addObject().put("index", range.index()).put("length", range.length()));
      });
      return reply;
    });
  }

  /** A decision committed: the version after it, and how many suggestions it decided. */
  record Decided(long version, int decided) {}

  private static Submission.Outcome rejected(DocumentException refused) {
    return new Submission.Rejected(refused.code(), refused.getMessage());
  }

  /** Where commits are counted and timed. */
  void measuredBy(ServerMetrics serverMetrics) {
    this.metrics = serverMetrics;
  }

  /**
   * Lets the owner wait for an unreachable store instead of refusing the group it was writing: timers
   * come from {@code vertx}, and the edits it holds meanwhile count against {@code unsavedOps}, the node's.
   */
  void waitingForStoreOn(io.vertx.core.Vertx vertx, UnsavedOps unsavedOps) {
    this.timers = vertx;
    this.unsaved = unsavedOps;
  }

  boolean idleSince(long time) {
    return lastActivity < time && queue.isEmpty() && !committing;
  }

  /** The current version. */
  Future<Long> version() {
    lastActivity = clock.get();
    return state().map(DocumentState::version);
  }

  /** The wire snapshot and its version. */
  Future<ObjectNode> fetch(Caller caller) {
    lastActivity = clock.get();
    return readable(caller).map(standing -> standing.loaded().wireSnapshot());
  }

  /** The committed ops from {@code from} on, and the current version. */
  Future<OpsSince> opsSince(Caller caller, long from) {
    lastActivity = clock.get();
    return readable(caller).compose(standing -> stateAtLeast(from, false))
        .compose(
            loaded -> {
              if (from > loaded.version()) {
                return Future.failedFuture(
                    new DocumentException(
                        ErrorCode.OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT,
                        "version " + from + " is newer than " + loaded.version()));
              }
              return loadRecentFrom(loaded, from)
                  .map(v -> new OpsSince(loaded.version(), loaded.recent().from(from)));
            });
  }

  record OpsSince(long version, List<CommittedOp> ops) {}

  /**
   * Checks and queues a submission, in the order submissions arrive, even when checking one waits (a new
   * document is claimed for its creator first): a client may send its edits right behind its create.
   * The future completes with the outcome, once committed or refused.
   */
  Future<Submission.Outcome> submit(Submission submission, Caller caller) {
    lastActivity = clock.get();
    Future<Future<Submission.Outcome>> admitted = admission.transform(previous -> authorize(submission, caller, false));
    admission = admitted.transform(done -> Future.succeededFuture());
    return admitted.compose(outcome -> outcome)
        .recover(error -> Future.succeededFuture(error instanceof DocumentException known
            ? rejected(known)
            : storeFailure(error)));
  }

  /**
   * Moves a presence ({@code p}, or {@code null} for a leave) from the client's version to the current
   * one, and publishes it to the channel.
   */
  Future<ObjectNode> presence(Caller caller, ObjectNode message) {
    lastActivity = clock.get();
    return readable(caller).compose(standing -> stateAtLeast(message.path("v").asLong(-1), false))
        .compose(
            loaded -> {
              long from = message.path("v").asLong(loaded.version());
              if (from > loaded.version()) {
                return Future.failedFuture(
                    new DocumentException(ErrorCode.PRESENCE_TRANSFORM_FAILED, "presence version is newer than the document"));
              }
              return loadRecentFrom(loaded, from).map(v -> movePresence(loaded, message, from));
            })
        .map(
            moved -> {
              fanout.presence(moved.path("ch").asText(), Json.write(moved), moved.path("src").asText(), "p");
              notePresence(moved);
              return moved;
            });
  }

  /** Remembers a presence's display name ({@code p.name}), or forgets it when it leaves ({@code p} null). */
  private void notePresence(ObjectNode presence) {
    String id = presence.path("id").asText();
    JsonNode range = presence.get("p");
    JsonNode name = range == null ? null : range.get("name");
    if (name == null || !name.isTextual() || name.textValue().isBlank()) {
      present.remove(id);
      return;
    }
    String shown = name.textValue().strip();
    present.put(id, new Present(shown.length() > MAX_NAME ? shown.substring(0, MAX_NAME) : shown, clock.get()));
  }

  /**
   * The names of the people in the document: presences heard of within {@link #PRESENT_FOR_MS} (clients
   * repeat theirs; a node that died took its clients' leaves with it).
   */
  List<String> online() {
    long since = clock.get() - PRESENT_FOR_MS;
    present.values().removeIf(p -> p.heardAt() < since);
    TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    present.values().forEach(p -> names.add(p.name()));
    return List.copyOf(names);
  }

  /** The document as a listing shows it, if loaded and existing; {@code null} otherwise. */
  ObjectNode summary() {
    if (state == null || !state.succeeded() || !state.result().exists()) {
      return null;
    }
    return summary(state.result());
  }

  /** The document as a listing shows it, loading it if need be; {@code exists} false if it does not. */
  Future<ObjectNode> describe(Caller caller) {
    lastActivity = clock.get();
    return readable(caller).map(standing -> summary(standing.loaded())
        .put("exists", standing.loaded().exists())
        .put("role", standing.role() == null ? null : standing.role().wire()));
  }

  private ObjectNode summary(DocumentState loaded) {
    ObjectNode summary = Json.object().put("d", docId).put("v", loaded.version()).put("mtime", loaded.modifiedAt());
    online().forEach(summary.putArray("online")::add);
    return summary;
  }

  private static ObjectNode movePresence(DocumentState loaded, ObjectNode message, long from) {
    JsonNode range = message.get("p");
    String src = message.path("src").asText();
    for (CommittedOp op : loaded.recent().from(from)) {
      if (range == null || range.isNull()) {
        break;
      }
      if (op.delta() == null) {
        range = null; // created or deleted under it
      } else {
        try {
          range = RichText.transformPresence(range, op.delta(), src.equals(op.stored().src()));
        } catch (OtException e) {
          throw new DocumentException(ErrorCode.PRESENCE_TRANSFORM_FAILED, e.getMessage());
        }
      }
    }
    ObjectNode moved = message.deepCopy();
    moved.set("p", range == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : range);
    moved.put("v", loaded.version());
    return moved;
  }

  /**
   * Makes the recent ops reach back to {@code from}, reading the missing ones from the store. Reads can
   * overlap (a submission, a subscriber catching up, a presence), each prepending what it fetched: so
   * each prepends only the part still missing when its read completes, and reads again if a gap is
   * left, a few times at most.
   */
  private Future<Void> loadRecentFrom(DocumentState loaded, long from) {
    return loadRecentFrom(loaded, from, 3);
  }

  private Future<Void> loadRecentFrom(DocumentState loaded, long from, int rounds) {
    long base = loaded.recent().base();
    if (from >= base || rounds == 0) {
      return Future.succeededFuture();
    }
    return store
        .ops(collection, docId, from, base)
        .compose(
            ops -> {
              long current = loaded.recent().base();
              List<CommittedOp> missing =
                  ops.stream().filter(op -> op.version() < current).map(loaded::committed).toList();
              if (!missing.isEmpty() && missing.get(missing.size() - 1).version() == current - 1) {
                loaded.recent().prepend(missing);
              }
              return loadRecentFrom(loaded, from, rounds - 1);
            });
  }

  /** Takes everything queued as one group, unless a group is being committed. */
  private void drain() {
    if (committing || queue.isEmpty()) {
      return;
    }
    committing = true;
    List<Submission> batch = new ArrayList<>(queue);
    queue.clear();
    long oldest = batch.stream().mapToLong(Submission::version).filter(v -> v >= 0).min().orElse(Long.MAX_VALUE);
    long newest = batch.stream().mapToLong(Submission::version).max().orElse(-1);
    // A client may pipeline its ops at the versions they will get: up to the batch's own, no reload.
    stateAtLeast(newest - (batch.size() - 1), true)
        .compose(loaded -> loadRecentFrom(loaded, Math.min(oldest, loaded.version())).map(loaded))
        .onSuccess(loaded -> {
          try {
            process(loaded, batch);
          } catch (RuntimeException e) {
            // A bug must not wedge the document: drop what is in memory, refuse this group, go on.
            LOG.error("{} submitting failed", DocumentLog.tag(docId, null), e);
            state = null;
            finish(batch, new Submission.Rejected(ErrorCode.INTERNAL, "internal error"));
          }
        })
        .onFailure(error -> finish(batch, storeFailure(error)));
  }

  private void process(DocumentState loaded, List<Submission> batch) {
    long now = clock.get();
    long firstVersion = loaded.version();
    List<Submission.Outcome> outcomes = new ArrayList<>(batch.size());
    for (Submission submission : batch) {
      outcomes.add(loaded.submit(submission, now));
    }
    List<CommittedOp> fresh = loaded.recent().from(firstVersion);
    if (fresh.isEmpty()) {
      reply(batch, outcomes);
      done();
      return;
    }
    write(new Group(loaded, batch, outcomes, fresh, firstVersion), 0);
  }

  /** A group being committed: the submissions, what became of each, and the ops to write. */
  private record Group(
      DocumentState loaded, List<Submission> batch, List<Submission.Outcome> outcomes, List<CommittedOp> fresh, long firstVersion) {
    List<StoredOp> toStore() {
      return fresh.stream().map(CommittedOp::stored).toList();
    }
  }

  /**
   * Writes a group. When the store does not answer (unreachable, or timing out: {@link StoreErrors}), and the owner may wait
   * for it ({@link #waitingForStoreOn}), the group stays as it is, applied in memory and unacknowledged,
   * and is written again after a pause, as often as it takes; what arrives meanwhile waits in the queue,
   * within the node's {@link UnsavedOps}. Readers are told on {@code status.<docId>} that the document is
   * being saved. A write that did land before its reply was lost meets the store's unique version on the
   * next try, and the group is then submitted again from the store, where its ops are found and
   * acknowledged once ({@code src}, {@code seq}).
   */
  private void write(Group group, int tries) {
    List<StoredOp> toStore = group.toStore();
    Future<Void> commit;
    long started = System.nanoTime();
    try {
      commit = store.commit(collection, toStore);
    } catch (RuntimeException e) {
      commit = Future.failedFuture(e);
    }
    long slow = timers == null ? -1 : timers.setTimer(SAVING_NOTICE_MS, id -> savingStatus.saving(queue.size() + group.batch().size()));
    commit
        .onComplete(done -> {
          if (slow >= 0) {
            timers.cancelTimer(slow);
          }
        })
        .onSuccess(
            v -> {
              metrics.committed(toStore.size(), System.nanoTime() - started);
              if (tries > 0) {
                LOG.info("{} saved {} ops after the store came back ({} tries)", DocumentLog.tag(docId, null), toStore.size(), tries + 1);
              }
              savingStatus.saved();
              // Replies first: each carries the ops its author missed, so nothing is lost by the order,
              // and an author's ack is not queued behind the fan-out of its own op to every subscriber.
              reply(group.batch(), group.outcomes());
              for (CommittedOp op : group.fresh()) {
                publish(op);
              }
              group.loaded().recent().trim();
              maybeSaveSnapshot(group.loaded(), false);
              done();
            })
        .onFailure(
            error -> {
              if (error instanceof CommitConflictException) {
                // What was applied in memory is not committed: start again from the store.
                state = null;
                LOG.info("{} lost a commit race at version {}; reloading", DocumentLog.tag(docId, null), group.firstVersion());
                retry(group.batch());
              } else if (timers != null && StoreErrors.isTransient(error)) {
                if (tries == 0) {
                  LOG.warn("{} store did not take {} ops ({}); keeping them and trying again", DocumentLog.tag(docId, null),
                      toStore.size(), error.toString());
                }
                savingStatus.saving(queue.size() + group.batch().size());
                long pause = Math.min(MAX_STORE_PAUSE_MS, FIRST_STORE_PAUSE_MS << Math.min(tries, 8));
                timers.setTimer(pause, id -> write(group, tries + 1));
              } else {
                state = null;
                LOG.warn("{} commit failed: {}", DocumentLog.tag(docId, null), error.toString());
                finish(group.batch(), storeFailure(error));
              }
            });
  }

  private void retry(List<Submission> batch) {
    List<Submission> again = new ArrayList<>();
    for (Submission submission : batch) {
      if (submission.attempt() + 1 >= MAX_ATTEMPTS) {
        submission.reply().tryComplete(new Submission.Rejected(ErrorCode.MAX_SUBMIT_RETRIES_EXCEEDED, "too much contention on this document"));
      } else {
        again.add(submission.retried());
      }
    }
    for (int i = again.size() - 1; i >= 0; i--) {
      queue.addFirst(again.get(i));
    }
    done();
  }

  private void done() {
    committing = false;
    drain();
  }

  private static Submission.Outcome storeFailure(Throwable error) {
    if (error instanceof DocumentException known) {
      return new Submission.Rejected(known.code(), known.getMessage());
    }
    return new Submission.Rejected(ErrorCode.STORE_UNAVAILABLE, "the document store is unavailable; try again");
  }

  private void finish(List<Submission> batch, Submission.Outcome outcome) {
    for (Submission submission : batch) {
      submission.reply().tryComplete(outcome);
    }
    done();
  }

  private static void reply(List<Submission> batch, List<Submission.Outcome> outcomes) {
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).reply().tryComplete(outcomes.get(i));
    }
  }

  private void publish(CommittedOp op) {
    fanout.op(collection, docId, op);
  }

  /**
   * Writes the snapshot (and a milestone) every {@link #SNAPSHOT_EVERY} versions, or always when
   * {@code force}d; one write at a time. Not awaited by acks: the op log is the truth.
   */
  Future<Void> maybeSaveSnapshot(DocumentState loaded, boolean force) {
    long version = loaded.version();
    boolean due = version / SNAPSHOT_EVERY > savedVersion / SNAPSHOT_EVERY;
    if (version == savedVersion || !(force || due)) {
      return saving;
    }
    var snapshot = loaded.snapshot();
    savedVersion = version;
    saving =
        saving
            .transform(ignored -> store.saveSnapshot(collection, snapshot))
            .compose(v -> due ? store.saveMilestone(collection, snapshot) : Future.succeededFuture())
            .onFailure(error -> LOG.warn("{} snapshot not saved: {}", DocumentLog.tag(docId, null), error.toString()))
            .recover(error -> Future.succeededFuture());
    return saving;
  }

  /**
   * Saves the snapshot if it moved; for unloading, hand-off and shutdown. Not while a group commit is in
   * flight: the copy then holds ops that are not durable and may yet lose their versions to another
   * owner, and a snapshot of it would hide the winner's ops from every later load. The op log is the
   * truth; the next owner rolls forward from the last good snapshot.
   */
  Future<Void> flush() {
    if (state == null || !state.succeeded() || committing) {
      return saving;
    }
    return maybeSaveSnapshot(state.result(), true);
  }

}
