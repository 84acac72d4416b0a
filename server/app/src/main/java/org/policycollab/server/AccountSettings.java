package org.policycollab.server;

import org.policycollab.accounts.SessionTokens;

/**
 * Signing in: the first administrator's password and the session signing key (secrets: from the
 * environment only, since flags show in process lists; never printed), and how long a session lasts.
 */
public record AccountSettings(String adminPassword, String sessionKey, int sessionLifetimeSeconds) {
  /** No secrets given: a generated admin password (logged once) and a key kept in the data directory. */
  public static final AccountSettings DEFAULT = new AccountSettings(null, null, SessionTokens.DEFAULT_LIFETIME_SECONDS);

  public AccountSettings withAdminPassword(String password) {
    return new AccountSettings(password, sessionKey, sessionLifetimeSeconds);
  }

  public AccountSettings withSessionLifetime(int seconds) {
    return new AccountSettings(adminPassword, sessionKey, seconds);
  }

  @Override
  public String toString() {
    return "AccountSettings[adminPassword=" + (adminPassword == null ? "none" : "(set)")
        + ", sessionKey=" + (sessionKey == null ? "none" : "(set)")
        + ", sessionLifetimeSeconds=" + sessionLifetimeSeconds + "]";
  }
}
