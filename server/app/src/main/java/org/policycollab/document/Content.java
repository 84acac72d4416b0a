package org.policycollab.document;

import com.fasterxml.jackson.databind.JsonNode;
import org.policycollab.ot.Delta;
import org.policycollab.ot.DeltaJson;
import org.policycollab.ot.RichText;
import org.policycollab.ot.document.RichTextDocument;
import org.policycollab.store.Snapshot;
import org.policycollab.store.StoredOp;

/**
 * A document's type and text, rolled forward one stored op at a time: what loading a live document and
 * reading history share. {@code type} is {@code null} while the document does not exist.
 */
public record Content(String type, RichTextDocument text) {

  public static Content of(Snapshot snapshot) {
    return new Content(
        snapshot.type(),
        snapshot.exists() && snapshot.data() != null
            ? RichTextDocument.of(DeltaJson.read(snapshot.data()))
            : RichTextDocument.empty());
  }

  /** The content after {@code op}; an edit changes the text in place. */
  public Content after(StoredOp op) {
    if (op.isCreate()) {
      // sharedb-mongo stores a create without initial data as {create: {type}}: an empty document.
      JsonNode data = op.createData();
      Delta initial = data == null || data.isNull() ? Delta.EMPTY : DeltaJson.read(data);
      return new Content(op.createType(), RichTextDocument.of(RichText.create(initial)));
    }
    if (op.deleted()) {
      return new Content(null, RichTextDocument.empty());
    }
    if (type != null) {
      text.apply(DeltaJson.read(op.op()));
    }
    return this;
  }
}
