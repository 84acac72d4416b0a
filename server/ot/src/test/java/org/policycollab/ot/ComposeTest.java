package org.policycollab.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.policycollab.ot.Deltas.d;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code a.compose(b)} for each pair of op kinds, after quill-delta's own tests. */
class ComposeTest {

  @Test
  @DisplayName("insert + insert: the later insert comes first at the same index")
  void insertThenInsert() {
    assertThat(d("[{'insert':'A'}]").compose(d("[{'insert':'B'}]"))).isEqualTo(d("[{'insert':'BA'}]"));
  }

  @Test
  @DisplayName("insert + retain with attributes: the insert takes the attributes")
  void insertThenRetain() {
    assertThat(
            d("[{'insert':'A'}]")
                .compose(d("[{'retain':1,'attributes':{'bold':true,'color':'red','font':null}}]")))
        .isEqualTo(d("[{'insert':'A','attributes':{'bold':true,'color':'red'}}]"));
  }

  @Test
  @DisplayName("insert + delete: both vanish")
  void insertThenDelete() {
    assertThat(d("[{'insert':'A'}]").compose(d("[{'delete':1}]"))).isEqualTo(Delta.EMPTY);
  }

  @Test
  @DisplayName("delete + insert: the insert goes first")
  void deleteThenInsert() {
    assertThat(d("[{'delete':1}]").compose(d("[{'insert':'B'}]")))
        .isEqualTo(d("[{'insert':'B'},{'delete':1}]"));
  }

  @Test
  @DisplayName("delete + retain: the delete stays, the retain moves past it")
  void deleteThenRetain() {
    assertThat(d("[{'delete':1}]").compose(d("[{'retain':1,'attributes':{'bold':true}}]")))
        .isEqualTo(d("[{'delete':1},{'retain':1,'attributes':{'bold':true}}]"));
  }

  @Test
  @DisplayName("delete + delete: the deletes add up")
  void deleteThenDelete() {
    assertThat(d("[{'delete':1}]").compose(d("[{'delete':1}]"))).isEqualTo(d("[{'delete':2}]"));
  }

  @Test
  @DisplayName("retain + insert: the insert lands before the retained text")
  void retainThenInsert() {
    assertThat(d("[{'retain':1,'attributes':{'color':'blue'}}]").compose(d("[{'insert':'B'}]")))
        .isEqualTo(d("[{'insert':'B'},{'retain':1,'attributes':{'color':'blue'}}]"));
  }

  @Test
  @DisplayName("retain + retain: attributes combine and a removal stays a removal")
  void retainThenRetain() {
    assertThat(
            d("[{'retain':1,'attributes':{'color':'blue'}}]")
                .compose(d("[{'retain':1,'attributes':{'bold':true,'color':'red','font':null}}]")))
        .isEqualTo(d("[{'retain':1,'attributes':{'bold':true,'color':'red','font':null}}]"));
  }

  @Test
  @DisplayName("retain + delete: the retained text is deleted")
  void retainThenDelete() {
    assertThat(d("[{'retain':1,'attributes':{'color':'blue'}}]").compose(d("[{'delete':1}]")))
        .isEqualTo(d("[{'delete':1}]"));
  }

  @Test
  @DisplayName("a removal over text drops the attribute")
  void nullRemovesAnAttribute() {
    Delta document = d("[{'insert':'ab','attributes':{'bold':true}}]");
    assertThat(document.compose(d("[{'retain':1,'attributes':{'bold':null}}]")))
        .isEqualTo(d("[{'insert':'a'},{'insert':'b','attributes':{'bold':true}}]"));
  }

  @Test
  @DisplayName("an embed keeps its content and takes new attributes")
  void embedTakesAttributes() {
    Delta document = d("[{'insert':{'image':'a.png'}},{'insert':'x'}]");
    assertThat(document.compose(d("[{'retain':1,'attributes':{'alt':'Ülle'}}]")))
        .isEqualTo(d("[{'insert':{'image':'a.png'},'attributes':{'alt':'Ülle'}},{'insert':'x'}]"));
  }

  @Test
  @DisplayName("emoji survive an insert between them")
  void surrogatePairsSurvive() {
    Delta document = Delta.text("😀👍🏽");
    assertThat(document.compose(d("[{'retain':2},{'insert':'š'}]")))
        .isEqualTo(Delta.text("😀š👍🏽"));
  }

  @Test
  @DisplayName("compose keeps a retain past the end, as quill-delta does; apply refuses it")
  void retainPastEnd() {
    Delta op = d("[{'retain':3},{'insert':'b'}]");
    assertThat(Delta.text("a").compose(op)).isEqualTo(d("[{'insert':'a'},{'retain':2},{'insert':'b'}]"));
    assertThatThrownBy(() -> RichText.apply(Delta.text("a"), op)).isInstanceOf(OtException.class);
  }
}
