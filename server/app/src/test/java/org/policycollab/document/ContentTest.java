package org.policycollab.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.policycollab.ot.RichText;
import org.policycollab.ot.document.RichTextDocument;
import org.policycollab.store.StoredOp;

class ContentTest {
  private static StoredOp createWithout(com.fasterxml.jackson.databind.JsonNode data) {
    return new StoredOp("00000000000000000000000a", "d", 0, "s", 1, null, RichText.URI, data, false, null, 0, null, null);
  }

  @Test
  @DisplayName("a create stored without data, as sharedb-mongo stores an empty create, is an empty document")
  void createWithoutData() {
    Content missing = new Content(null, RichTextDocument.empty()).after(createWithout(null));
    Content nulled = new Content(null, RichTextDocument.empty()).after(createWithout(NullNode.getInstance()));

    assertThat(missing.type()).isEqualTo(RichText.URI);
    assertThat(missing.text().length()).isZero();
    assertThat(nulled.text().length()).isZero();
    assertThat(OpMessages.wire("docs", createWithout(null))).doesNotContain("\"data\"");
  }
}
