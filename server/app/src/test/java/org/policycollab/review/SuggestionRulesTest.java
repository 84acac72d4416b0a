package org.policycollab.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.policycollab.json.Json;
import org.policycollab.ot.Attributes;
import org.policycollab.ot.Delta;
import org.policycollab.ot.document.RichTextDocument;

/**
 * The suggestion rules against every kind of op, including ops crafted by hand to sneak a plain edit
 * past them or to touch another reviewer's suggestion. The document: "Plain " + Rita's suggested
 * insertion "new " + "text " marked by Rita for deletion + "end\n".
 */
class SuggestionRulesTest {
  private static final String RITA = "rita";
  private static final String OLAF = "olaf";

  static ObjectNode mark(String id, String author) {
    return Json.object().put("id", id).put("author", author).put("name", author.toUpperCase(java.util.Locale.ROOT)).put("at", 1_700_000_000_000L);
  }

  private static Attributes inserted(String id, String author) {
    return Attributes.of(SuggestionMark.INSERT, mark(id, author));
  }

  private static Attributes deleted(String id, String author) {
    return Attributes.of(SuggestionMark.DELETE, mark(id, author));
  }

  static RichTextDocument document() {
    return RichTextDocument.of(Delta.builder()
        .insert("Plain ")
        .insert("new ", inserted("s1", RITA))
        .insert("text ", deleted("s2", RITA))
        .insert("end\n")
        .build());
  }

  private static void reviewer(Delta op, String who) {
    SuggestionRules.check(document(), op, who, true);
  }

  private static void editor(Delta op, String who) {
    SuggestionRules.check(document(), op, who, false);
  }

  @Test
  @DisplayName("a reviewer inserts text marked as their own suggestion, with formatting")
  void ownInsertions() {
    assertThatCode(() -> reviewer(Delta.builder().retain(2).insert("x", inserted("s9", RITA)).build(), RITA)).doesNotThrowAnyException();
    Attributes bold = Attributes.of(Map.of(SuggestionMark.INSERT, mark("s9", RITA), "bold", Json.object().booleanNode(true)));
    assertThatCode(() -> reviewer(Delta.builder().insert("x", bold).build(), RITA)).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("a reviewer's plain insert, or one in another's name, is refused")
  void plainOrForeignInsertions() {
    assertThatThrownBy(() -> reviewer(Delta.builder().retain(2).insert("x").build(), RITA))
        .isInstanceOf(SuggestionException.class).hasMessageContaining("own suggestion");
    assertThatThrownBy(() -> reviewer(Delta.builder().insert("x", inserted("s9", OLAF)).build(), RITA))
        .hasMessageContaining("cannot suggest as olaf");
    assertThatThrownBy(() -> reviewer(Delta.builder().insert("x", deleted("s9", RITA)).build(), RITA))
        .hasMessageContaining("new text");
    ObjectNode noId = mark("", RITA);
    assertThatThrownBy(() -> reviewer(Delta.builder().insert("x", Attributes.of(SuggestionMark.INSERT, noId)).build(), RITA))
        .hasMessageContaining("id");
    assertThatThrownBy(() -> reviewer(Delta.builder().insert("x", Attributes.of(SuggestionMark.INSERT, "yes")).build(), RITA))
        .isInstanceOf(SuggestionException.class);
  }

  @Test
  @DisplayName("a reviewer marks plain text, or re-marks their own deletion, and takes back their own marks")
  void deletionMarks() {
    assertThatCode(() -> reviewer(Delta.builder().retain(6, deleted("s3", RITA)).build(), RITA)).doesNotThrowAnyException();
    assertThatCode(() -> reviewer(Delta.builder().retain(10).retain(5, deleted("s2", RITA)).build(), RITA)).doesNotThrowAnyException();
    assertThatCode(() -> reviewer(Delta.builder().retain(10).retain(5, Attributes.of(SuggestionMark.DELETE, null)).build(), RITA))
        .doesNotThrowAnyException();
  }

  @Test
  @DisplayName("a reviewer may not touch another's suggestion, nor mark their own insertion for deletion")
  void othersSuggestions() {
    assertThatThrownBy(() -> reviewer(Delta.builder().retain(6).retain(4, deleted("s3", OLAF)).build(), OLAF))
        .hasMessageContaining("another person's suggestion");
    assertThatThrownBy(() -> reviewer(Delta.builder().retain(10).retain(5, deleted("s3", OLAF)).build(), OLAF))
        .hasMessageContaining("another person's suggested deletion");
    assertThatThrownBy(() -> reviewer(Delta.builder().retain(10).retain(5, Attributes.of(SuggestionMark.DELETE, null)).build(), OLAF))
        .hasMessageContaining("own suggested deletions");
    assertThatThrownBy(() -> reviewer(Delta.builder().retain(6).retain(4, deleted("s3", RITA)).build(), RITA))
        .hasMessageContaining("delete your own suggested insertion");
    assertThatThrownBy(() -> reviewer(Delta.builder().retain(6).delete(4).build(), OLAF))
        .hasMessageContaining("only their own suggested insertions");
    // A deletion mark that also reaches past the other's insertion into plain text: still refused.
    assertThatThrownBy(() -> reviewer(Delta.builder().retain(4).retain(4, deleted("s3", OLAF)).build(), OLAF))
        .isInstanceOf(SuggestionException.class);
  }

  @Test
  @DisplayName("a reviewer withdraws their own insertion by deleting it, but deletes nothing else")
  void deletes() {
    assertThatCode(() -> reviewer(Delta.builder().retain(6).delete(4).build(), RITA)).doesNotThrowAnyException();
    assertThatThrownBy(() -> reviewer(Delta.builder().delete(1).build(), RITA)).isInstanceOf(SuggestionException.class);
    assertThatThrownBy(() -> reviewer(Delta.builder().retain(6).delete(5).build(), RITA))
        .as("one character past the own insertion").isInstanceOf(SuggestionException.class);
    assertThatThrownBy(() -> reviewer(Delta.builder().retain(10).delete(5).build(), RITA))
        .as("text only marked for deletion is deleted by accepting, not by its author").isInstanceOf(SuggestionException.class);
  }

  @Test
  @DisplayName("a reviewer changes no formatting, and cannot hide a format change in a deletion mark")
  void formatting() {
    assertThatThrownBy(() -> reviewer(Delta.builder().retain(5, Attributes.of("bold", true)).build(), RITA))
        .hasMessageContaining("formatting");
    Attributes sneaky = Attributes.of(Map.of(SuggestionMark.DELETE, mark("s3", RITA), "link", Json.object().textNode("https://evil.example")));
    assertThatThrownBy(() -> reviewer(Delta.builder().retain(5, sneaky).build(), RITA)).hasMessageContaining("formatting");
    assertThatThrownBy(() -> reviewer(Delta.builder().retain(6, inserted("s3", RITA)).build(), RITA))
        .as("marking existing text as one's insertion").isInstanceOf(SuggestionException.class);
  }

  @Test
  @DisplayName("editors edit freely and decide anyone's suggestions, but suggest only in their own name")
  void editors() {
    assertThatCode(() -> editor(Delta.builder().delete(3).insert("x").retain(2, Attributes.of("bold", true)).build(), OLAF))
        .doesNotThrowAnyException();
    assertThatCode(() -> editor(Delta.builder().retain(6).retain(4, Attributes.of(SuggestionMark.INSERT, null)).build(), OLAF))
        .as("accept Rita's insertion").doesNotThrowAnyException();
    assertThatCode(() -> editor(Delta.builder().retain(10).retain(5, Attributes.of(SuggestionMark.DELETE, null)).build(), OLAF))
        .as("reject Rita's deletion").doesNotThrowAnyException();
    assertThatCode(() -> editor(Delta.builder().insert("x", inserted("o1", OLAF)).build(), OLAF)).doesNotThrowAnyException();
    assertThatThrownBy(() -> editor(Delta.builder().insert("x", inserted("o1", RITA)).build(), OLAF))
        .hasMessageContaining("cannot suggest as rita");
    assertThatThrownBy(() -> editor(Delta.builder().retain(3, deleted("o1", RITA)).build(), OLAF))
        .isInstanceOf(SuggestionException.class);
  }

  @Test
  @DisplayName("the suggestions are listed in document order with their text")
  void listing() {
    assertThat(Suggestions.in(document()))
        .extracting(s -> s.id() + " " + s.kind().wire() + " " + s.author() + " " + s.index() + "+" + s.length() + " '" + s.text() + "'")
        .containsExactly("s1 insert rita 6+4 'new '", "s2 delete rita 10+5 'text '");
  }
}
