package org.policycollab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher fast = new PasswordHasher(1_000);

  @Test
  @DisplayName("a password matches its hash and nothing else; every hash has its own salt")
  void matches() {
    String hash = fast.hash("Pääsuositus 🇪🇺 2026");
    assertThat(fast.matches("Pääsuositus 🇪🇺 2026", hash)).isTrue();
    assertThat(fast.matches("Pääsuositus 🇪🇺 2027", hash)).isFalse();
    assertThat(fast.matches("", hash)).isFalse();
    assertThat(fast.hash("Pääsuositus 🇪🇺 2026")).isNotEqualTo(hash);
    assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("Pääsuositus");
  }

  @Test
  @DisplayName("the default work factor is OWASP's for PBKDF2-HMAC-SHA256, and a hash keeps its own")
  void workFactor() {
    String strong = new PasswordHasher().hash("secret");
    assertThat(strong).startsWith("pbkdf2-sha256$600000$");
    // Verified with the factor stored in it, whatever the hasher's own.
    assertThat(fast.matches("secret", strong)).isTrue();
  }

  @Test
  @DisplayName("a malformed or foreign stored hash never matches, and never throws")
  void malformed() {
    for (String stored : new String[] {null, "", "plain", "md5$1$a$b", "pbkdf2-sha256$x$a$b", "pbkdf2-sha256$0$AAAA$AAAA",
        "pbkdf2-sha256$1000$$", "pbkdf2-sha256$1000$!!$!!", "pbkdf2-sha256$1000$AAAA$AAAA$extra"}) {
      assertThat(fast.matches("secret", stored)).as(String.valueOf(stored)).isFalse();
    }
  }
}
