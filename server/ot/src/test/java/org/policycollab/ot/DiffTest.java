package org.policycollab.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.policycollab.ot.Deltas.d;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DiffTest {

  @Test
  @DisplayName("the same document has an empty diff")
  void sameDocument() {
    assertThat(Delta.text("abc").diff(Delta.text("abc"))).isEqualTo(Delta.EMPTY);
  }

  @Test
  @DisplayName("inserted text is an insert")
  void insertion() {
    assertThat(Delta.text("Tere").diff(Delta.text("Tere õhtust")))
        .isEqualTo(d("[{'retain':4},{'insert':' õhtust'}]"));
  }

  @Test
  @DisplayName("removed text is a delete")
  void deletion() {
    assertThat(Delta.text("Hyvää päivää").diff(Delta.text("Hyvää")))
        .isEqualTo(d("[{'retain':5},{'delete':7}]"));
  }

  @Test
  @DisplayName("changed formatting is a retain with attributes")
  void formatting() {
    Delta from = Delta.text("ab");
    Delta to = d("[{'insert':'a','attributes':{'bold':true}},{'insert':'b'}]");
    assertThat(from.diff(to)).isEqualTo(d("[{'retain':1,'attributes':{'bold':true}}]"));
  }

  @Test
  @DisplayName("a changed embed is replaced")
  void embed() {
    Delta from = d("[{'insert':{'image':'a.png'}}]");
    Delta to = d("[{'insert':{'image':'b.png'}}]");
    assertThat(from.compose(from.diff(to))).isEqualTo(to);
  }

  @Test
  @DisplayName("an emoji changed for another is replaced whole, never split")
  void emojiStayWhole() {
    Delta from = Delta.text("a😀b");
    Delta to = Delta.text("a😃b");
    assertThat(from.diff(to)).isEqualTo(d("[{'retain':1},{'insert':'😃'},{'delete':2}]"));
  }

  @Test
  @DisplayName("diff refuses what is not a document")
  void nonDocument() {
    assertThatThrownBy(() -> Delta.text("a").diff(d("[{'retain':1,'attributes':{'bold':true}}]")))
        .isInstanceOf(OtException.class)
        .hasMessageContaining("non-document");
  }
}
