package org.policycollab.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.policycollab.ot.Deltas.d;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeltaBuilderTest {
  private static final Attributes BOLD = Attributes.of("bold", true);

  @Test
  @DisplayName("an empty insert and non-positive lengths add nothing")
  void emptyOpsAreNothing() {
    assertThat(Delta.builder().insert("").retain(0).delete(-1).build()).isEqualTo(Delta.EMPTY);
  }

  @Test
  @DisplayName("neighbouring inserts with equal attributes merge, others stay apart")
  void insertsMergeByAttributes() {
    Delta delta = Delta.builder().insert("a", BOLD).insert("b", BOLD).insert("c").build();
    assertThat(delta).isEqualTo(d("[{'insert':'ab','attributes':{'bold':true}},{'insert':'c'}]"));
  }

  @Test
  @DisplayName("an insert after a delete moves before it and merges with the insert before")
  void insertGoesBeforeDelete() {
    Delta delta = Delta.builder().insert("a").delete(2).insert("b").build();
    assertThat(delta.ops()).containsExactly(new TextInsert("ab"), new Delete(2));
  }

  @Test
  @DisplayName("an insert after a leading delete becomes the first op")
  void insertBeforeLeadingDelete() {
    Delta delta = Delta.builder().delete(1).insert("x").build();
    assertThat(delta.ops()).containsExactly(new TextInsert("x"), new Delete(1));
  }

  @Test
  @DisplayName("deletes merge, retains with equal attributes merge")
  void deletesAndRetainsMerge() {
    Delta delta = Delta.builder().retain(1, BOLD).retain(2, BOLD).delete(1).delete(2).build();
    assertThat(delta.ops()).containsExactly(new Retain(3, BOLD), new Delete(3));
  }

  @Test
  @DisplayName("embeds never merge with each other")
  void embedsStayApart() {
    var image = JsonNodeFactory.instance.objectNode().put("image", "a.png");
    Delta delta = Delta.builder().insertEmbed(image, BOLD).insertEmbed(image, BOLD).build();
    assertThat(delta.ops()).hasSize(2);
    assertThat(delta.length()).isEqualTo(2);
  }

  @Test
  @DisplayName("a trailing plain retain is chopped; one with attributes stays")
  void trailingRetainIsChopped() {
    assertThat(Delta.builder().insert("a").retain(5).build()).isEqualTo(Delta.text("a"));
    assertThat(Delta.builder().retain(5, BOLD).build().ops()).containsExactly(new Retain(5, BOLD));
  }

  @Test
  @DisplayName("equal documents built differently are equal objects")
  void equalDocumentsAreEqual() {
    Delta one = Delta.builder().insert("Tere ").insert("maailm").build();
    Delta other = Delta.text("Tere maailm");
    assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
  }

  @Test
  @DisplayName("ops refuse non-positive lengths and empty inserts")
  void opsValidateThemselves() {
    assertThatThrownBy(() -> new Retain(0)).isInstanceOf(OtException.class);
    assertThatThrownBy(() -> new Delete(-2)).isInstanceOf(OtException.class);
    assertThatThrownBy(() -> new TextInsert("")).isInstanceOf(OtException.class);
  }

  @Test
  @DisplayName("the op list cannot be modified")
  void opsAreImmutable() {
    Delta delta = Delta.text("a");
    assertThatThrownBy(() -> delta.ops().add(new Delete(1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("lengths count UTF-16 code units, as JavaScript does")
  void lengthsAreUtf16() {
    assertThat(Delta.text("😀ä").length()).isEqualTo(3);
    assertThat(d("[{'insert':'ab'},{'delete':3}]").changeLength()).isEqualTo(-1);
  }
}
