package org.policycollab.ot;

/** Remove {@code length} units. */
public record Delete(int length) implements Op {
  public Delete {
    if (length <= 0) {
      throw new OtException("delete length must be positive, got " + length);
    }
  }

  @Override
  public Attributes attributes() {
    return Attributes.NONE;
  }
}
