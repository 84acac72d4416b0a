package org.policycollab.ot.document;

import org.policycollab.ot.Delta;
import org.policycollab.ot.Insert;
import org.policycollab.ot.TextInsert;

/**
 * Turns runs back into a canonical {@link Delta}. Pieces of one run may sit in several chunks (a long
 * paragraph is cut to bound chunk size), so equal-attribute text is joined here in one {@link
 * StringBuilder} before it reaches {@link Delta.Builder#push}, whose own merging concatenates strings
 * pairwise and would copy a long run once per piece.
 */
final class RunWriter {
  private final Delta.Builder builder = Delta.builder();

  /** The first piece of the text run being collected; held as is, since most runs have one piece. */
  private TextInsert pending;

  /** The joined text, once a second piece with equal attributes arrived. */
  private StringBuilder joined;

  void add(Insert run) {
    if (pending != null
        && run instanceof TextInsert text
        && pending.attributes().equals(text.attributes())) {
      if (joined == null) {
        joined = new StringBuilder(pending.text());
      }
      joined.append(text.text());
      return;
    }
    flush();
    if (run instanceof TextInsert text) {
      pending = text;
    } else {
      builder.push(run);
    }
  }

  Delta build() {
    flush();
    return builder.build();
  }

  private void flush() {
    if (pending != null) {
      builder.push(
          joined == null ? pending : new TextInsert(joined.toString(), pending.attributes()));
      pending = null;
      joined = null;
    }
  }
}
