package org.policycollab.document;

/**
 * Bounds on what one document may grow to, and on the edits a node holds before they are durable;
 * every external input is bounded.
 *
 * @param maxDocumentLength characters one document may hold
 * @param maxUnsavedOps edits a node holds accepted but not yet written (while the store is slow or
 *     unreachable); past it new edits are refused with {@code ERR_STORE_BACKLOG_FULL}
 * @param maxUnsavedChars the characters those edits may insert, together
 */
public record Limits(long maxDocumentLength, int maxUnsavedOps, long maxUnsavedChars) {
  /** Edits held for an unreachable store: minutes of a busy programme's typing, a few hundred MB at worst. */
  public static final int DEFAULT_MAX_UNSAVED_OPS = 50_000;
  private static final long DEFAULT_MAX_UNSAVED_CHARS = 32_000_000;

  /** About 20 MB of UTF-16 text: far beyond any policy paper, small enough for one owner's memory. */
  public static final Limits DEFAULT = new Limits(10_000_000);

  /** A document bound, with the default bounds on unsaved edits. */
  public Limits(long maxDocumentLength) {
    this(maxDocumentLength, DEFAULT_MAX_UNSAVED_OPS, DEFAULT_MAX_UNSAVED_CHARS);
  }

  /** The same, holding at most {@code ops} unsaved edits. */
  public Limits withMaxUnsavedOps(int ops) {
    return new Limits(maxDocumentLength, ops, maxUnsavedChars);
  }

  void requireDocumentFits(long length) {
    if (length > maxDocumentLength) {
      throw new DocumentException(
          ErrorCode.OT_OP_NOT_APPLIED,
          "the document would be " + length + " characters long; the limit is " + maxDocumentLength);
    }
  }
}
