package org.policycollab.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.policycollab.ot.Attributes;
import org.policycollab.ot.Delta;
import org.policycollab.ot.document.RichTextDocument;

/** What accepting and rejecting suggestions does to the text. */
class SuggestionsDecideTest {
  private static String decided(RichTextDocument document, Set<String> ids, boolean accept) {
    Delta op = Suggestions.decide(document, s -> ids.contains(s.id()), accept);
    document.apply(op);
    StringBuilder text = new StringBuilder();
    document.toDelta().ops().forEach(o -> text.append(((org.policycollab.ot.TextInsert) o).text()));
    return text + (Suggestions.in(document).isEmpty() ? "" : " +" + Suggestions.in(document).size() + " left");
  }

  private static RichTextDocument document() {
    return RichTextDocument.of(Delta.builder()
        .insert("Keep ")
        .insert("added ", Attributes.of(SuggestionMark.INSERT, SuggestionRulesTest.mark("i1", "rita")))
        .insert("gone ", Attributes.of(SuggestionMark.DELETE, SuggestionRulesTest.mark("d1", "olaf")))
        .insert("end")
        .insert(" more", Attributes.of(SuggestionMark.INSERT, SuggestionRulesTest.mark("i2", "olaf")))
        .insert("\n")
        .build());
  }

  @Test
  @DisplayName("accepting keeps insertions and removes deletions; rejecting does the opposite")
  void acceptAndReject() {
    assertThat(decided(document(), Set.of("i1", "d1", "i2"), true)).isEqualTo("Keep added end more\n");
    assertThat(decided(document(), Set.of("i1", "d1", "i2"), false)).isEqualTo("Keep gone end\n");
    assertThat(decided(document(), Set.of("i1"), true)).isEqualTo("Keep added gone end more\n +2 left");
    assertThat(decided(document(), Set.of("d1"), true)).isEqualTo("Keep added end more\n +2 left");
    assertThat(decided(document(), Set.of(), true)).isEqualTo("Keep added gone end more\n +3 left");
  }

  @Test
  @DisplayName("accepted text loses only the suggestion mark, not its formatting")
  void formattingStays() {
    RichTextDocument document = RichTextDocument.of(Delta.builder()
        .insert("bold", Attributes.of(java.util.Map.of(
            SuggestionMark.INSERT, SuggestionRulesTest.mark("i1", "rita"), "bold", com.fasterxml.jackson.databind.node.BooleanNode.TRUE)))
        .insert("\n")
        .build());
    document.apply(Suggestions.decide(document, s -> true, true));
    assertThat(document.toDelta()).isEqualTo(Delta.builder().insert("bold", Attributes.of("bold", true)).insert("\n").build());
  }
}
