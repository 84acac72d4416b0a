package org.policycollab.realtime;

/**
 * Bounds on one connection: its message size (answered with an error reply) and its message rate (over
 * it, reading pauses).
 */
public record AgentLimits(int maxMessageChars, int burst, int messagesPerSecond) {
  /** 1 MiB messages; a burst of 1000 messages, then 500 a second: far above any typist. */
  public static final AgentLimits DEFAULT = new AgentLimits(1 << 20, 1_000, 500);
}
