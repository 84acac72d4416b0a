package org.policycollab.review;

/**
 * One suggestion as the side list shows it: a run of text carrying the same mark. {@code index} and
 * {@code length} are where it is in the document now; {@code text} is the text, embeds as U+FFFC.
 */
public record Suggestion(String id, Kind kind, String author, String name, long at, int index, int length, String text) {
  public enum Kind {
    INSERT,
    DELETE;

    public String wire() {
      return this == INSERT ? "insert" : "delete";
    }
  }
}
