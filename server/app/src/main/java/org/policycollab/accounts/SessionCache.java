package org.policycollab.accounts;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the store said about a session a moment ago: its account, and that it was not ended. Opening a
 * connection asks for both; a client reconnecting, a second tab or a burst of reconnects after a node
 * restart would otherwise cost two store reads each. An entry lives {@link #KEEP_MS} at most and is
 * dropped at once when a notice about its person arrives ({@link Accounts#followNotices}), so a
 * disabled account or an ended session is refused from the next connection on. Shared by the event
 * loops, hence concurrent; bounded.
 */
final class SessionCache {
  static final long KEEP_MS = 10_000;
  private static final int MAX_ENTRIES = 100_000;

  private record Entry(Accounts.SignedIn signedIn, long until) {}

  private final ConcurrentHashMap<String, Entry> byTokenId = new ConcurrentHashMap<>();
  private final Supplier<Long> clock;

  SessionCache(Supplier<Long> clock) {
    this.clock = clock;
  }

  /** The remembered session, or {@code null}. */
  Accounts.SignedIn get(String tokenId) {
    Entry entry = byTokenId.get(tokenId);
    if (entry == null) {
      return null;
    }
    if (clock.get() >= entry.until()) {
      byTokenId.remove(tokenId, entry);
      return null;
    }
    return entry.signedIn();
  }

  void put(Accounts.SignedIn signedIn) {
    long now = clock.get();
    if (byTokenId.size() >= MAX_ENTRIES) {
      byTokenId.values().removeIf(entry -> entry.until() <= now);
      if (byTokenId.size() >= MAX_ENTRIES) {
        byTokenId.clear(); // a flood of distinct sessions: remembering them is not worth the memory
      }
    }
    byTokenId.put(signedIn.tokenId(), new Entry(signedIn, Math.min(now + KEEP_MS, signedIn.expiresAtMs())));
  }

  /** Forgets every session of {@code username}. */
  void forget(String username) {
    byTokenId.values().removeIf(entry -> entry.signedIn().account().username().equals(username));
  }
}
