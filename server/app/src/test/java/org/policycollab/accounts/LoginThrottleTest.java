package org.policycollab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final LoginThrottle throttle = new LoginThrottle(now::get);

  @Test
  @DisplayName("five failures for a username stop it for the window, from any address; success clears them")
  void perUser() {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
      throttle.failed("aino", "10.0.0." + i);
      assertThat(throttle.waitMs("aino", "10.0.1.1")).isZero();
    }
    throttle.failed("aino", "10.0.0.9");
    assertThat(throttle.waitMs("aino", "10.0.1.1")).isEqualTo(LoginThrottle.WINDOW_MS);
    assertThat(throttle.waitMs("ben", "10.0.1.1")).as("others are not held up").isZero();
    now.addAndGet(LoginThrottle.WINDOW_MS);
    assertThat(throttle.waitMs("aino", "10.0.1.1")).as("the oldest failure left the window").isZero();
    throttle.succeeded("aino");
    assertThat(throttle.waitMs("aino", "10.0.1.1")).isZero();
  }

  @Test
  @DisplayName("five failures from one address stop it for every username")
  void perAddress() {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      throttle.failed("user" + i, "192.0.2.7");
    }
    assertThat(throttle.waitMs("someone-else", "192.0.2.7")).isPositive();
    assertThat(throttle.waitMs("someone-else", "192.0.2.8")).isZero();
  }
}
