package org.policycollab.realtime;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Connection ids ({@code src}), which name the author of every op and presence: {@code
 * <username>:<random>}. A client may reuse its id from an earlier connection (the stock client does, to
 * resend unacknowledged ops), but only one of its own person's; so nobody can act as someone else.
 */
final class Sources {
  private static final SecureRandom RANDOM = new SecureRandom();
  static final int MAX_LENGTH = 200;

  private Sources() {}

  static String fresh(String username) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return username + ":" + HexFormat.of().formatHex(bytes);
  }

  /** Whether {@code src} is a connection id of {@code username} (usernames cannot contain ':'). */
  static boolean belongsTo(String src, String username) {
    return src.length() <= MAX_LENGTH && src.length() > username.length() + 1 && src.startsWith(username)
        && src.charAt(username.length()) == ':';
  }
}
