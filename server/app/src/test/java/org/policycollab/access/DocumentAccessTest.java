package org.policycollab.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.policycollab.api.ApiException;
import org.junit.jupiter.api.Test;

class DocumentAccessTest {
  private final DocumentAccess created = DocumentAccess.createdBy("aino", 1L);

  @Test
  @DisplayName("the creator manages a new document; administrators manage every document")
  void creatorAndAdministrators() {
    assertThat(created.roleOf("aino")).isEqualTo(Role.MANAGER);
    assertThat(created.roleOf(new Caller("janis", false))).isNull();
    assertThat(created.roleOf(new Caller("root", true))).isEqualTo(Role.MANAGER);
  }

  @Test
  @DisplayName("roles are given, changed and taken away; the last manager stays")
  void lastManagerStays() {
    DocumentAccess shared = created.with("janis", Role.VIEWER).with("janis", Role.EDITOR);
    assertThat(shared.roleOf("janis")).isEqualTo(Role.EDITOR);
    assertThat(shared.without("janis").roleOf("janis")).isNull();
    assertThatThrownBy(() -> shared.with("aino", Role.EDITOR))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ERR_LAST_MANAGER"));
    assertThatThrownBy(() -> shared.without("aino")).isInstanceOf(ApiException.class);
    DocumentAccess twoManagers = shared.with("janis", Role.MANAGER);
    assertThat(twoManagers.without("aino").roleOf("janis")).isEqualTo(Role.MANAGER);
    assertThat(created.roles()).containsOnlyKeys("aino"); // unchanged: the record is immutable
  }

  @Test
  @DisplayName("what each role may do")
  void rolesPermissions() {
    assertThat(Role.parse("reviewer")).isEqualTo(Role.REVIEWER);
    assertThat(Role.parse("owner")).isNull();
    assertThat(Role.parse(null)).isNull();
    assertThat(Role.MANAGER.canEdit() && Role.MANAGER.canShare()).isTrue();
    assertThat(Role.EDITOR.canEdit()).isTrue();
    assertThat(Role.EDITOR.canShare() || Role.REVIEWER.canEdit() || Role.VIEWER.canEdit()).isFalse();
  }
}
