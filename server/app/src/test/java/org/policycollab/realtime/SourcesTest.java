package org.policycollab.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SourcesTest {
  @Test
  @DisplayName("a connection id names its person, and only theirs is theirs")
  void boundToThePerson() {
    String src = Sources.fresh("aino");
    assertThat(src).startsWith("aino:").hasSize("aino:".length() + 32);
    assertThat(Sources.belongsTo(src, "aino")).isTrue();
    assertThat(Sources.belongsTo(src, "ain")).isFalse();
    assertThat(Sources.belongsTo("aino2:x", "aino")).isFalse();
    assertThat(Sources.belongsTo("aino:", "aino")).isFalse();
    assertThat(Sources.belongsTo("aino", "aino")).isFalse();
    assertThat(Sources.belongsTo("aino:" + "x".repeat(Sources.MAX_LENGTH), "aino")).isFalse();
  }
}
