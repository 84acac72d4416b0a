package org.policycollab.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policycollab.ot.Deltas.d;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code a.transform(b, priority)} for each pair of op kinds, after quill-delta's own tests. */
class TransformTest {

  @Test
  @DisplayName("insert + insert: the first op's insert goes first only with priority")
  void insertAndInsert() {
    Delta a = d("[{'insert':'A'}]");
    Delta b = d("[{'insert':'B'}]");
    assertThat(a.transform(b, true)).isEqualTo(d("[{'retain':1},{'insert':'B'}]"));
    assertThat(a.transform(b, false)).isEqualTo(d("[{'insert':'B'}]"));
  }

  @Test
  @DisplayName("insert + retain: the retain moves past the insert")
  void insertAndRetain() {
    assertThat(d("[{'insert':'A'}]").transform(d("[{'retain':1,'attributes':{'bold':true}}]"), true))
        .isEqualTo(d("[{'retain':1},{'retain':1,'attributes':{'bold':true}}]"));
  }

  @Test
  @DisplayName("insert + delete: the delete moves past the insert")
  void insertAndDelete() {
    assertThat(d("[{'insert':'A'}]").transform(d("[{'delete':1}]"), true))
        .isEqualTo(d("[{'retain':1},{'delete':1}]"));
  }

  @Test
  @DisplayName("delete + insert: the insert is kept")
  void deleteAndInsert() {
    assertThat(d("[{'delete':1}]").transform(d("[{'insert':'B'}]"), true))
        .isEqualTo(d("[{'insert':'B'}]"));
  }

  @Test
  @DisplayName("delete + retain: the retained text is gone")
  void deleteAndRetain() {
    assertThat(d("[{'delete':1}]").transform(d("[{'retain':1,'attributes':{'bold':true}}]"), true))
        .isEqualTo(Delta.EMPTY);
  }

  @Test
  @DisplayName("delete + delete: the second delete is redundant")
  void deleteAndDelete() {
    assertThat(d("[{'delete':1}]").transform(d("[{'delete':1}]"), true)).isEqualTo(Delta.EMPTY);
  }

  @Test
  @DisplayName("retain + insert: the insert is kept")
  void retainAndInsert() {
    assertThat(d("[{'retain':1,'attributes':{'color':'blue'}}]").transform(d("[{'insert':'B'}]"), true))
        .isEqualTo(d("[{'insert':'B'}]"));
  }

  @Test
  @DisplayName("retain + retain: with priority the first op's attributes win, without the second's")
  void retainAndRetain() {
    Delta a = d("[{'retain':1,'attributes':{'color':'blue'}}]");
    Delta b = d("[{'retain':1,'attributes':{'bold':true,'color':'red'}}]");
    assertThat(a.transform(b, true)).isEqualTo(d("[{'retain':1,'attributes':{'bold':true}}]"));
    assertThat(a.transform(b, false)).isEqualTo(b);
  }

  @Test
  @DisplayName("retain + retain: a removal in the first op counts as set")
  void removalCountsAsSet() {
    Delta a = d("[{'retain':1,'attributes':{'bold':null}}]");
    Delta b = d("[{'retain':1,'attributes':{'bold':true}}]");
    assertThat(a.transform(b, true)).isEqualTo(Delta.EMPTY);
  }

  @Test
  @DisplayName("retain + delete: the delete is kept")
  void retainAndDelete() {
    assertThat(d("[{'retain':1,'attributes':{'color':'blue'}}]").transform(d("[{'delete':1}]"), true))
        .isEqualTo(d("[{'delete':1}]"));
  }

  @Test
  @DisplayName("overlapping deletes remove the overlap once")
  void overlappingDeletes() {
    Delta document = Delta.text("abcdef");
    Delta a = d("[{'retain':1},{'delete':3}]");
    Delta b = d("[{'retain':2},{'delete':3}]");
    assertThat(document.compose(a).compose(a.transform(b, true))).isEqualTo(Delta.text("af"));
  }
}
