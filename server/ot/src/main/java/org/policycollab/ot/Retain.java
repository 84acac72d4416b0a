package org.policycollab.ot;

/** Keep {@code length} units; with attributes, also reformat them. */
public record Retain(int length, Attributes attributes) implements Op {
  public Retain {
    if (length <= 0) {
      throw new OtException("retain length must be positive, got " + length);
    }
    attributes = attributes == null ? Attributes.NONE : attributes;
  }

  public Retain(int length) {
    this(length, Attributes.NONE);
  }
}
