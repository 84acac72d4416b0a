package org.policycollab.review;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What marks text as a suggestion: the value of the attribute {@link #INSERT} (the text is a suggested
 * insertion) or {@link #DELETE} (the text is suggested for deletion and stays until decided), a JSON
 * object {@code {"id", "author", "name", "at"}}. Being attributes of the rich text, suggestions move
 * with their text through every concurrent edit.
 */
public record SuggestionMark(String id, String author, String name, long at) {
  public static final String INSERT = "suggestInsert";
  public static final String DELETE = "suggestDelete";
  static final int MAX_ID = 64;
  static final int MAX_NAME = 100;

  /** The mark a value holds, or {@code null} when the value is absent, JSON null or not a well-formed mark. */
  public static SuggestionMark read(JsonNode value) {
    if (value == null || !value.isObject()) {
      return null;
    }
    JsonNode id = value.get("id");
    JsonNode author = value.get("author");
    JsonNode name = value.get("name");
    JsonNode at = value.get("at");
    boolean wellFormed = id != null && id.isTextual() && !id.textValue().isEmpty() && id.textValue().length() <= MAX_ID
        && author != null && author.isTextual() && !author.textValue().isEmpty()
        && (name == null || (name.isTextual() && name.textValue().length() <= MAX_NAME))
        && at != null && at.isIntegralNumber();
    return wellFormed
        ? new SuggestionMark(id.textValue(), author.textValue(), name == null ? author.textValue() : name.textValue(), at.asLong())
        : null;
  }
}
