package org.policycollab.ot;

/** An insert of text or of an embed. */
public sealed interface Insert extends Op permits TextInsert, EmbedInsert {
  /** The same content with other attributes. */
  Insert withAttributes(Attributes attributes);
}
