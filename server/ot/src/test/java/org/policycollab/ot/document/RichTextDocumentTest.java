package org.policycollab.ot.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.policycollab.ot.Attributes;
import org.policycollab.ot.Delta;
import org.policycollab.ot.EmbedInsert;
import org.policycollab.ot.OtException;
import org.policycollab.ot.TextInsert;

class RichTextDocumentTest {
  private static final Attributes BOLD = Attributes.of("bold", true);
  private static final Attributes ITALIC = Attributes.of("italic", true);
  private static final Attributes NO_BOLD = Attributes.of("bold", null);

  /** Applies {@code op} to a document and checks it against {@code Delta.compose}, returning it. */
  private static Delta applied(RichTextDocument document, Delta op) {
    Delta expected = document.toDelta().compose(op);
    document.apply(op);
    assertThat(document.toDelta()).isEqualTo(expected);
    assertThat(document.length()).isEqualTo(expected.length());
    return document.toDelta();
  }

  private static Delta.Builder ops() {
    return Delta.builder();
  }

  private static ObjectNode image(String url) {
    return JsonNodeFactory.instance.objectNode().put("image", url);
  }

  @Test
  void insertsAtTheStart() {
    RichTextDocument document = RichTextDocument.of(ops().insert("world\n", BOLD).build());
    assertThat(applied(document, ops().insert("Hello ").build()))
        .isEqualTo(ops().insert("Hello ").insert("world\n", BOLD).build());
  }

  @Test
  void insertsInTheMiddleOfARun() {
    RichTextDocument document = RichTextDocument.of(ops().insert("abcdef", BOLD).build());
    assertThat(applied(document, ops().retain(3).insert("X").build()))
        .isEqualTo(ops().insert("abc", BOLD).insert("X").insert("def", BOLD).build());
    assertThat(applied(document, ops().retain(4).insert("Y", BOLD).build()))
        .isEqualTo(ops().insert("abc", BOLD).insert("X").insert("Ydef", BOLD).build());
  }

  @Test
  void insertsAtTheEnd() {
    RichTextDocument document = RichTextDocument.of(ops().insert("abc").build());
    assertThat(applied(document, ops().retain(3).insert("def").build()))
        .isEqualTo(Delta.text("abcdef"));
  }

  @Test
  void insertsIntoAnEmptyDocument() {
    RichTextDocument document = RichTextDocument.empty();
    assertThat(document.length()).isZero();
    assertThat(document.toDelta()).isEqualTo(Delta.EMPTY);
    assertThat(applied(document, ops().insert("hi", ITALIC).build()))
        .isEqualTo(ops().insert("hi", ITALIC).build());
  }

  @Test
  void deletesAcrossRuns() {
    RichTextDocument document =
        RichTextDocument.of(ops().insert("ab").insert("cd", BOLD).insert("ef", ITALIC).build());
    assertThat(applied(document, ops().retain(1).delete(4).build()))
        .isEqualTo(ops().insert("a").insert("f", ITALIC).build());
  }

  @Test
  void deletesAcrossChunksAndEmptiesTheDocument() {
    RichTextDocument document = RichTextDocument.of(Delta.text("x".repeat(10_000)));
    assertThat(document.chunkLengths().length).isGreaterThan(4);
    applied(document, ops().retain(100).delete(9_000).build());
    assertThat(document.length()).isEqualTo(1_000);
    assertChunksWithinBounds(document, RichTextDocument.DEFAULT_MAX_CHUNK);
    assertThat(applied(document, ops().delete(1_000).build())).isEqualTo(Delta.EMPTY);
    assertThat(applied(document, ops().insert("again").build())).isEqualTo(Delta.text("again"));
  }

  @Test
  void formatsAcrossChunkBoundaries() {
    RichTextDocument document = RichTextDocument.of(Delta.text("0123456789".repeat(10)), 8);
    assertThat(applied(document, ops().retain(5).retain(50, BOLD).build()))
        .isEqualTo(
            ops()
                .insert("01234")
                .insert("0123456789".repeat(10).substring(5, 55), BOLD)
                .insert("0123456789".repeat(10).substring(55))
                .build());
    assertThat(applied(document, ops().retain(3).retain(90, NO_BOLD).build()))
        .isEqualTo(Delta.text("0123456789".repeat(10)));
  }

  @Test
  void splitsAChunkThatOutgrowsItsBoundAndMergesOnesThatRunLow() {
    RichTextDocument document = RichTextDocument.of(Delta.text("abc"), 16);
    applied(document, ops().retain(1).insert("x".repeat(100), BOLD).build());
    assertThat(document.chunkLengths().length).isGreaterThan(5);
    assertChunksWithinBounds(document, 16);
    applied(document, ops().retain(2).delete(97).build());
    assertThat(document.chunkLengths()).containsExactly(6);
  }

  @Test
  void embedsAreOneUnitAndNeverMerge() {
    RichTextDocument document = RichTextDocument.of(Delta.text("ab"));
    applied(document, ops().retain(1).insertEmbed(image("a.png"), BOLD).build());
    applied(document, ops().retain(1).insertEmbed(image("a.png"), BOLD).build());
    assertThat(document.length()).isEqualTo(4);
    assertThat(applied(document, ops().retain(1).retain(2, ITALIC).build()).ops())
        .containsExactly(
            new TextInsert("a"),
            new EmbedInsert(image("a.png"), Attributes.of("bold", true, "italic", true)),
            new EmbedInsert(image("a.png"), Attributes.of("bold", true, "italic", true)),
            new TextInsert("b"));
    assertThat(applied(document, ops().retain(1).delete(1).build()).ops()).hasSize(3);
  }

  @Test
  void keepsNullAttributesOfInsertedTextButRemovesWithARetainsNull() {
    Attributes boldAndNoColor = Attributes.of("bold", true, "color", null);
    RichTextDocument document = RichTextDocument.of(ops().insert("ab", boldAndNoColor).build());
    assertThat(applied(document, ops().retain(2).insert("c", boldAndNoColor).build()))
        .isEqualTo(ops().insert("abc", boldAndNoColor).build());
    // The retain's null removes "bold"; the text's own null for "color" stays.
    assertThat(applied(document, ops().retain(1, NO_BOLD).build()))
        .isEqualTo(
            ops()
                .insert("a", Attributes.of("color", null))
                .insert("bc", boldAndNoColor)
                .build());
  }

  @Test
  void emojiSurviveChunkSplitsAndMerges() {
    String text = "😀👍🏽äõšžłåø🇪🇪\n".repeat(50);
    RichTextDocument document = RichTextDocument.of(Delta.text(text), 3);
    assertThat(document.toDelta()).isEqualTo(Delta.text(text));
    applied(document, ops().retain(7).retain(200, BOLD).build());
    applied(document, ops().retain(7).retain(200, NO_BOLD).build());
    applied(document, ops().retain(300).insert("👍🏽", ITALIC).delete(3).build());
    applied(document, ops().retain(300).delete(4).insert("😀😀😀").build());
    assertThat(document.toDelta())
        .isEqualTo(
            Delta.text(text.substring(0, 300) + "😀😀😀" + text.substring(303)));
  }

  @Test
  void anOpThatCutsASurrogatePairDoesWhatComposeDoes() {
    RichTextDocument document = RichTextDocument.of(Delta.text("a😀b"), 2);
    applied(document, ops().retain(2).insert("X").build());
    applied(document, ops().retain(2).delete(1).build());
    assertThat(document.toDelta()).isEqualTo(Delta.text("a😀b"));
    applied(document, ops().retain(2, BOLD).build());
    applied(document, ops().retain(1).retain(2, NO_BOLD).build());
    assertThat(document.toDelta()).isEqualTo(ops().insert("a", BOLD).insert("😀b").build());
  }

  @Test
  void refusesAnOpPastTheEndAndStaysUnchanged() {
    Delta start = ops().insert("abc", BOLD).insert("def").build();
    RichTextDocument document = RichTextDocument.of(start, 4);
    assertThatThrownBy(() -> document.apply(ops().insert("x").retain(2).delete(5).build()))
        .isInstanceOf(OtException.class)
        .hasMessageContaining("past the end");
    assertThatThrownBy(() -> document.apply(ops().retain(7, BOLD).build()))
        .isInstanceOf(OtException.class);
    assertThat(document.toDelta()).isEqualTo(start);
    assertThat(document.length()).isEqualTo(6);
  }

  @Test
  void refusesToLoadAnOpThatIsNotADocument() {
    assertThatThrownBy(() -> RichTextDocument.of(ops().retain(1).insert("x").build()))
        .isInstanceOf(OtException.class)
        .hasMessageContaining("only inserts");
  }

  @Test
  void toDeltaIsCanonicalAndCachedUntilTheNextChange() {
    RichTextDocument document =
        RichTextDocument.of(Delta.text("ab".repeat(40)).compose(ops().retain(40, BOLD).build()), 8);
    applied(document, ops().retain(40).retain(40, BOLD).build());
    Delta whole = document.toDelta();
    assertThat(whole.ops()).containsExactly(new TextInsert("ab".repeat(40), BOLD));
    assertThat(document.toDelta()).isSameAs(whole);
    document.apply(ops().retain(80).build());
    assertThat(document.toDelta()).isSameAs(whole);
    document.apply(ops().retain(1).delete(1).build());
    assertThat(document.toDelta()).isNotSameAs(whole).isEqualTo(whole.compose(ops().retain(1).delete(1).build()));
  }

  @Test
  void slicesLikeDelta() {
    Delta start =
        ops().insert("ab😀", BOLD).insertEmbed(image("x"), Attributes.NONE).insert("cdefgh\n").build();
    RichTextDocument document = RichTextDocument.of(start, 2);
    for (int from = -1; from <= start.length() + 1; from++) {
      for (int to = from - 1; to <= start.length() + 2; to++) {
        assertThat(document.slice(from, to)).as("slice(%d, %d)", from, to).isEqualTo(start.slice(from, to));
      }
    }
  }

  static void assertChunksWithinBounds(RichTextDocument document, int maxChunk) {
    int[] lengths = document.chunkLengths();
    assertThat(Arrays.stream(lengths).boxed()).allSatisfy(length -> assertThat(length).isBetween(1, maxChunk));
    assertThat(Arrays.stream(lengths).sum()).isEqualTo(document.length());
  }
}
