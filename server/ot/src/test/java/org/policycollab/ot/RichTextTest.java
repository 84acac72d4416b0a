package org.policycollab.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.policycollab.ot.Deltas.d;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The ShareDB {@code rich-text} type functions; presence examples from the protocol notes. */
class RichTextTest {
  private static final Delta INSERT_AT_10 = d("[{'retain':10},{'insert':'abc'}]");

  private static ObjectNode range(int index, int length) {
    return JsonNodeFactory.instance.objectNode().put("index", index).put("length", length);
  }

  @Test
  @DisplayName("the author's own insert at the cursor moves their range on")
  void ownInsertMovesRange() {
    assertThat(RichText.transformPresence(range(10, 2), INSERT_AT_10, true)).isEqualTo(range(13, 2));
  }

  @Test
  @DisplayName("someone else's insert at the cursor widens the range")
  void othersInsertWidensRange() {
    assertThat(RichText.transformPresence(range(10, 2), INSERT_AT_10, false)).isEqualTo(range(10, 5));
  }

  @Test
  @DisplayName("deleting the selected text leaves an empty range")
  void deletedRangeCollapses() {
    Delta delete = d("[{'retain':9},{'delete':5}]");
    assertThat(RichText.transformPresence(range(10, 2), delete, false)).isEqualTo(range(9, 0));
  }

  @Test
  @DisplayName("extra presence fields are kept and the input is not changed")
  void extraFieldsKept() {
    ObjectNode presence = range(10, 2).put("name", "Ülle");
    ObjectNode moved = RichText.transformPresence(presence, INSERT_AT_10, true);
    assertThat(moved.get("name").textValue()).isEqualTo("Ülle");
    assertThat(presence).isEqualTo(range(10, 2).put("name", "Ülle"));
  }

  @Test
  @DisplayName("no presence stays no presence; a malformed range is refused")
  void nullAndMalformedPresence() {
    assertThat(RichText.transformPresence(null, INSERT_AT_10, true)).isNull();
    ObjectNode noLength = JsonNodeFactory.instance.objectNode().put("index", 1);
    assertThatThrownBy(() -> RichText.transformPresence(noLength, INSERT_AT_10, true))
        .isInstanceOf(OtException.class)
        .hasMessageContaining("index and length");
  }

  @Test
  @DisplayName("transform rebases its first argument, and left gives the second op priority")
  void transformArgumentOrder() {
    Delta incoming = d("[{'insert':'B'}]");
    Delta committed = d("[{'insert':'A'}]");
    assertThat(RichText.transform(incoming, committed, RichText.Side.LEFT))
        .isEqualTo(d("[{'retain':1},{'insert':'B'}]"));
    assertThat(RichText.transform(incoming, committed, RichText.Side.RIGHT)).isEqualTo(incoming);
  }

  @Test
  @DisplayName("apply refuses an op that retains or deletes past the end")
  void applyRefusesOpsPastTheEnd() {
    Delta document = Delta.text("abc");
    assertThatThrownBy(() -> RichText.apply(document, d("[{'retain':3},{'delete':1}]")))
        .isInstanceOf(OtException.class)
        .hasMessageContaining("past the end");
    assertThat(RichText.apply(document, d("[{'retain':3},{'insert':'d'}]"))).isEqualTo(Delta.text("abcd"));
  }

  @Test
  @DisplayName("create takes inserts only, and the type answers to its name and URI")
  void createAndNames() {
    assertThatThrownBy(() -> RichText.create(d("[{'retain':1,'attributes':{'bold':true}}]")))
        .isInstanceOf(OtException.class);
    assertThat(RichText.isType("rich-text")).isTrue();
    assertThat(RichText.isType("http://sharejs.org/types/rich-text/v1")).isTrue();
    assertThat(RichText.isType("json0")).isFalse();
  }

  @Test
  @DisplayName("transformCursor keeps the author's cursor after their own insert")
  void transformCursor() {
    assertThat(RichText.transformCursor(10, INSERT_AT_10, true)).isEqualTo(13);
    assertThat(RichText.transformCursor(10, INSERT_AT_10, false)).isEqualTo(10);
  }
}
