package org.policycollab.ot;

import java.util.Objects;

/** Inserted text. The text is never empty: an empty insert is no op at all. */
public record TextInsert(String text, Attributes attributes) implements Insert {
  public TextInsert {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new OtException("insert must not be empty");
    }
    attributes = attributes == null ? Attributes.NONE : attributes;
  }

  public TextInsert(String text) {
    this(text, Attributes.NONE);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public TextInsert withAttributes(Attributes attributes) {
    return new TextInsert(text, attributes);
  }
}
