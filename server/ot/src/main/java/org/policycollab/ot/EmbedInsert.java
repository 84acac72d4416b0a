package org.policycollab.ot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An inserted embed (an image, a formula, ...): a JSON object of length 1. Embeds never merge with their
 * neighbours. The object is copied on the way in and out, so the record stays immutable.
 */
public record EmbedInsert(ObjectNode embed, Attributes attributes) implements Insert {
  public EmbedInsert {
    Objects.requireNonNull(embed, "embed");
    if (embed.isEmpty()) {
      throw new OtException("an embed must be a non-empty object");
    }
    embed = (ObjectNode) JsonValues.normalize(embed);
    attributes = attributes == null ? Attributes.NONE : attributes;
  }

  /** A copy of the embed object. */
  @Override
  public ObjectNode embed() {
    return embed.deepCopy();
  }

  @Override
  public int length() {
    return 1;
  }

  @Override
  public EmbedInsert withAttributes(Attributes attributes) {
    return new EmbedInsert(embed, attributes);
  }
}
