package org.policycollab.document;

/** Bounds on what one document may grow to; every external input is bounded. */
public record Limits(long maxDocumentLength) {
  /** About 20 MB of UTF-16 text: far beyond any policy paper, small enough for one owner's memory. */
  public static final Limits DEFAULT = new Limits(10_000_000);

  void requireDocumentFits(long length) {
    if (length > maxDocumentLength) {
      throw new DocumentException(
          ErrorCode.OT_OP_NOT_APPLIED,
          "the document would be " + length + " characters long; the limit is " + maxDocumentLength);
    }
  }
}
