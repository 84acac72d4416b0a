package org.policycollab.document;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.policycollab.ot.Attributes;
import org.policycollab.ot.Delta;
import org.policycollab.ot.document.RichTextDocument;

/** Found by the protocol fuzzer: an op that split an emoji left the server's copy unlike the clients'. */
class WholeCharactersTest {
  /** "a🙂b\n": the emoji is the pair at 1 and 2. */
  private final RichTextDocument document = RichTextDocument.of(Delta.text("a\uD83D\uDE42b\n"));

  @Test
  void editsOfWholeCharactersPass() {
    for (Delta op : new Delta[] {
        Delta.builder().retain(1).delete(2).build(),
        Delta.builder().retain(3).insert("\uD83C\uDF0A").build(),
        Delta.builder().retain(1).retain(2, Attributes.of("bold", true)).build(),
        Delta.builder().insert("x").retain(4).delete(1).build()}) {
      assertThatCode(() -> WholeCharacters.check(document, op)).as(op.toString()).doesNotThrowAnyException();
    }
  }

  @Test
  void boundariesInsideAPairAreRefused() {
    for (Delta op : new Delta[] {
        Delta.builder().retain(2).insert("x").build(),
        Delta.builder().retain(1).retain(1, Attributes.of("bold", true)).build(),
        Delta.builder().retain(2).delete(1).build(),
        Delta.builder().retain(1).delete(1).build()}) {
      assertThatThrownBy(() -> WholeCharacters.check(document, op)).as(op.toString())
          .isInstanceOf(DocumentException.class).hasMessageContaining("split a character");
    }
  }

  @Test
  void halfAPairInInsertedTextIsRefused() {
    assertThatThrownBy(() -> WholeCharacters.check(document, Delta.builder().insert("x\uD83D").build()))
        .isInstanceOf(DocumentException.class).hasMessageContaining("lone surrogate");
    // The two halves with different formatting are two inserts: each is half a character.
    Delta split = Delta.builder().insert("\uD83D", Attributes.of("bold", true)).insert("\uDE42").build();
    assertThatThrownBy(() -> WholeCharacters.check(document, split)).isInstanceOf(DocumentException.class);
    assertThatThrownBy(() -> WholeCharacters.check(Delta.text("\uDE42\n"))).isInstanceOf(DocumentException.class);
  }
}
