package org.policycollab.ot;

/**
 * One component of a {@link Delta}: insert text or an embed, retain (keep, optionally reformatting) or
 * delete. Lengths count UTF-16 code units, exactly like JavaScript's {@code String.length}.
 */
public sealed interface Op permits Insert, Retain, Delete {
  /** Length in UTF-16 code units; an embed counts 1. */
  int length();

  /** Formatting, {@link Attributes#NONE} when there is none (always for a delete). */
  Attributes attributes();
}
