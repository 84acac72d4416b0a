package org.policycollab.accounts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing: after {@link #MAX_FAILURES} failed sign-ins within {@link #WINDOW_MS}
 * for one username, or for one client address, further attempts for it are refused until the oldest
 * failure leaves the window, whether the password would have been right or not. Success clears the
 * username's failures. Kept in memory per node, bounded: the least recently failed keys go first.
 * Shared by the event loops of a node (synchronized).
 */
final class LoginThrottle {
  static final int MAX_FAILURES = 5;
  static final long WINDOW_MS = 15 * 60_000;
  private static final int MAX_KEYS = 100_000;

  private final LongSupplier clock;
  private final Map<String, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
      return size() > MAX_KEYS;
    }
  };

  LoginThrottle(LongSupplier clock) {
    this.clock = clock;
  }

  /** Milliseconds until {@code username} may try again from {@code address}; 0 when it may now. */
  synchronized long waitMs(String username, String address) {
    return Math.max(waitMs("user:" + username), waitMs("address:" + address));
  }

  synchronized void failed(String username, String address) {
    long now = clock.getAsLong();
    failures.computeIfAbsent("user:" + username, k -> new ArrayDeque<>()).addLast(now);
    failures.computeIfAbsent("address:" + address, k -> new ArrayDeque<>()).addLast(now);
  }

  synchronized void succeeded(String username) {
    failures.remove("user:" + username);
  }

  private long waitMs(String key) {
    Deque<Long> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    long now = clock.getAsLong();
    while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MS) {
      times.removeFirst();
    }
    if (times.isEmpty()) {
      failures.remove(key);
      return 0;
    }
    return times.size() < MAX_FAILURES ? 0 : times.peekFirst() + WINDOW_MS - now;
  }
}
