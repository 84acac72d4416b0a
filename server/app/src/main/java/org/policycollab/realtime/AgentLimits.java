package org.policycollab.realtime;

/**
 * Bounds on one connection: its message size (answered with an error reply) and its message rate (over
 * it, reading pauses).
 */
public record AgentLimits(int maxMessageChars, int burst, int messagesPerSecond) {
  /**
   * 1 MiB messages; a burst of 10,000 messages, then 5,000 a second. A typist sends tens a second, but
   * replaying or importing a document sends ops as fast as acks come back (about 2,500 a second here):
   * that must not be slowed, while a runaway client still is.
   */
  public static final AgentLimits DEFAULT = new AgentLimits(1 << 20, 10_000, 5_000);
}
