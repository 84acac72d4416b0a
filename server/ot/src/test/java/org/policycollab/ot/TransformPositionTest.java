package org.policycollab.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policycollab.ot.Deltas.d;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TransformPositionTest {

  @Test
  @DisplayName("an insert before the position pushes it on")
  void insertBefore() {
    assertThat(d("[{'insert':'A'}]").transformPosition(2, false)).isEqualTo(3);
  }

  @Test
  @DisplayName("an insert at the position pushes it on only without priority")
  void insertAt() {
    Delta delta = d("[{'retain':2},{'insert':'A'}]");
    assertThat(delta.transformPosition(2, true)).isEqualTo(2);
    assertThat(delta.transformPosition(2, false)).isEqualTo(3);
  }

  @Test
  @DisplayName("a delete before the position pulls it back")
  void deleteBefore() {
    assertThat(d("[{'delete':2}]").transformPosition(4, false)).isEqualTo(2);
  }

  @Test
  @DisplayName("a delete across the position moves it to the start of the delete")
  void deleteAcross() {
    assertThat(d("[{'retain':1},{'delete':4}]").transformPosition(3, false)).isEqualTo(1);
  }

  @Test
  @DisplayName("an op after the position leaves it")
  void opAfter() {
    assertThat(d("[{'retain':5},{'insert':'A'},{'delete':2}]").transformPosition(3, false)).isEqualTo(3);
  }
}
