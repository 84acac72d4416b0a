package org.policycollab.document;

/** What a document id may be, wherever one arrives (the WebSocket, the HTTP API). */
public final class DocumentIds {
  public static final int MAX_LENGTH = 200;

  private DocumentIds() {}

  /** 1 to {@link #MAX_LENGTH} characters, none of them a control character. */
  public static boolean valid(String id) {
    return id != null && !id.isEmpty() && id.length() <= MAX_LENGTH && id.chars().noneMatch(ch -> ch < 0x20);
  }
}
