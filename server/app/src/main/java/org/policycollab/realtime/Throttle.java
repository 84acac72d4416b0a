package org.policycollab.realtime;

/**
 * A token bucket per connection: a burst of {@code capacity} messages, then {@code perSecond}. A client
 * over it is slowed down (its socket stops being read for a while), never disconnected for it, and the
 * server's other clients are not affected.
 */
final class Throttle {
  private final double capacity;
  private final double perMilli;
  private double tokens;
  private long last;

  Throttle(int capacity, int perSecond, long now) {
    this.capacity = capacity;
    this.perMilli = perSecond / 1000.0;
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes a token; returns 0, or how many milliseconds to stop reading before the next message. */
  long take(long now) {
    tokens = Math.min(capacity, tokens + (now - last) * perMilli);
    last = now;
    tokens -= 1;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perMilli);
  }
}
