package org.policycollab.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bson.types.ObjectId;
import org.policycollab.ot.Delta;
import org.policycollab.ot.DeltaJson;
import org.policycollab.ot.OtException;
import org.policycollab.ot.RichText;
import org.policycollab.ot.document.RichTextDocument;
import org.policycollab.review.SuggestionException;
import org.policycollab.review.SuggestionRules;
import org.policycollab.store.Snapshot;
import org.policycollab.store.StoredOp;

/**
 * A live document in its owner's memory: version, type, text and the recent ops, and the submit steps
 * of ShareDB's {@code SubmitRequest}: dedup by (src, seq), transform over what was committed since the
 * client's version (the committed op wins ties), apply. Only its owner touches it.
 */
final class DocumentState {
  private final String collection;
  private final String docId;
  private final Limits limits;
  private final RecentOps recent;

  private long version;
  private String type;
  private RichTextDocument text;

  /** The document's text now; for reading only. */
  RichTextDocument document() {
    return text;
  }
  private long createdAt;
  private long modifiedAt;
  private Snapshot.CreateMark create;
  private String lastOpId;

  private DocumentState(String collection, Snapshot snapshot, Limits limits) {
    this.collection = collection;
    this.docId = snapshot.docId();
    this.limits = limits;
    this.version = snapshot.version();
    Content content = Content.of(snapshot);
    this.type = content.type();
    this.text = content.text();
    this.createdAt = snapshot.createdAt();
    this.modifiedAt = snapshot.modifiedAt();
    this.create = snapshot.create();
    this.lastOpId = snapshot.lastOpId();
    this.recent = new RecentOps(snapshot.version());
  }

  /** The document as stored: the snapshot rolled forward over the ops committed after it. */
  static DocumentState load(
      String collection, Snapshot snapshot, List<StoredOp> opsAfter, Limits limits) {
    DocumentState state = new DocumentState(collection, snapshot, limits);
    for (StoredOp op : opsAfter) {
      if (op.version() == state.version) {
        state.rollForward(op);
      }
    }
    return state;
  }

  long modifiedAt() {
    return modifiedAt;
  }

  boolean exists() {
    return type != null;
  }

  long version() {
    return version;
  }

  String docId() {
    return docId;
  }

  RecentOps recent() {
    return recent;
  }

  Snapshot snapshot() {
    return new Snapshot(
        docId,
        version,
        type,
        type == null ? null : DeltaJson.write(text.toDelta()),
        createdAt,
        modifiedAt,
        create,
        lastOpId);
  }

  /** The wire snapshot {@code {"v","type","data"}}. */
  com.fasterxml.jackson.databind.node.ObjectNode wireSnapshot() {
    return OpMessages.snapshot(version, type, type == null ? null : text.toDelta());
  }

  CommittedOp committed(StoredOp op) {
    return committed(op, op.isEdit() ? DeltaJson.read(op.op()) : null);
  }

  /** With the edit as applied, when it is at hand: no need to read it back from its JSON. */
  private CommittedOp committed(StoredOp op, Delta applied) {
    return new CommittedOp(op, applied, OpMessages.wire(collection, op));
  }

  /**
   * Runs the submit steps for {@code submission} and, when accepted, applies it and records the op to
   * commit. The caller must have loaded the recent ops from the submission's version on.
   */
  Submission.Outcome submit(Submission submission, long now) {
    long from = submission.version();
    if (from < 0) {
      if (submission.isCreate() && type != null) {
        return duplicateCreateOrReject(submission);
      }
      from = version;
    }
    if (from > version) {
      return reject(ErrorCode.OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT, "op version " + from + " is newer than " + version);
    }
    if (from < recent.base()) {
      return reject(ErrorCode.SUBMIT_TRANSFORM_OPS_NOT_FOUND, "ops before version " + recent.base() + " are gone");
    }
    Delta op = submission.op();
    List<CommittedOp> since = recent.from(from);
    for (CommittedOp committed : since) {
      if (committed.isFrom(submission.src(), submission.seq())) {
        // A resend after a reconnect: acknowledge the commit it already has, apply nothing.
        return new Submission.Accepted(committed.version(), recent.range(from, committed.version()));
      }
      StoredOp stored = committed.stored();
      if (stored.deleted()) {
        if (!submission.delete()) {
          return reject(ErrorCode.DOC_WAS_DELETED, "the document was deleted");
        }
      } else if (stored.isCreate() || submission.isCreate()) {
        return reject(ErrorCode.DOC_ALREADY_CREATED, "the document was already created");
      } else if (op != null) {
        //      committed
        //   . ----------> .
        //   |             |
        //   | op          | committed.transform(op, true): the committed op wins ties
        //   v             v
        op = committed.delta().transform(op, true);
      }
    }
    if (op != null) {
      try {
        WholeCharacters.check(text, op);
      } catch (DocumentException refused) {
        return reject(refused.code(), refused.getMessage());
      }
      try {
        // Against the document the op now applies to: nothing committed meanwhile can slip past the check.
        SuggestionRules.check(text, op, submission.userId() == null ? "" : submission.userId(), submission.suggestOnly());
      } catch (SuggestionException refused) {
        return reject(ErrorCode.SUGGESTIONS_ONLY, refused.getMessage());
      }
    }
    try {
      StoredOp stored = apply(submission, op, now);
      CommittedOp committed = committed(stored, stored.isEdit() ? op : null);
      recent.add(committed);
      return new Submission.Accepted(stored.version(), since);
    } catch (DocumentException e) {
      return reject(e.code(), e.getMessage());
    } catch (OtException e) {
      return reject(ErrorCode.OT_OP_NOT_APPLIED, e.getMessage());
    }
  }

  private Submission.Outcome duplicateCreateOrReject(Submission submission) {
    if (create != null && create.src().equals(submission.src()) && create.seq() == submission.seq()) {
      return new Submission.Accepted(create.version(), List.of());
    }
    return reject(ErrorCode.DOC_ALREADY_CREATED, "the document was already created");
  }

  private static Submission.Rejected reject(ErrorCode code, String message) {
    return new Submission.Rejected(code, message);
  }

  /** Applies an accepted submission (already transformed) and returns the op to store. */
  private StoredOp apply(Submission submission, Delta op, long now) {
    JsonNode edit = null;
    String createType = null;
    JsonNode createData = null;
    JsonNode deletedData = null;
    if (submission.isCreate()) {
      if (type != null) {
        throw new DocumentException(ErrorCode.DOC_ALREADY_CREATED, "the document was already created");
      }
      Delta data = RichText.create(submission.createData());
      WholeCharacters.check(data);
      limits.requireDocumentFits(data.length());
      text = RichTextDocument.of(data);
      type = RichText.URI;
      createdAt = now;
      create = new Snapshot.CreateMark(submission.src(), submission.seq(), version);
      createType = RichText.URI;
      createData = DeltaJson.write(data);
    } else if (submission.delete()) {
      requireExists();
      deletedData = DeltaJson.write(text.toDelta());
      type = null;
      text = RichTextDocument.empty();
    } else {
      requireExists();
      limits.requireDocumentFits((long) text.length() + op.changeLength());
      text.apply(op);
      edit = DeltaJson.write(op);
    }
    String opId = new ObjectId().toHexString();
    StoredOp stored =
        new StoredOp(
            opId,
            docId,
            version,
            submission.src(),
            submission.seq(),
            edit,
            createType,
            createData,
            submission.delete(),
            deletedData,
            now,
            lastOpId,
            submission.userId());
    lastOpId = opId;
    version++;
    modifiedAt = now;
    return stored;
  }

  private void requireExists() {
    if (type == null) {
      throw new DocumentException(ErrorCode.DOC_DOES_NOT_EXIST, "the document does not exist");
    }
  }

  /** Applies an op read from the store while loading. */
  private void rollForward(StoredOp op) {
    Content next = new Content(type, text).after(op);
    type = next.type();
    text = next.text();
    if (op.isCreate()) {
      createdAt = op.timestamp();
      create = new Snapshot.CreateMark(op.src(), op.seq(), op.version());
    }
    version = op.version() + 1;
    modifiedAt = op.timestamp();
    lastOpId = op.opId();
    recent.add(committed(op));
  }
}
