package org.policycollab.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.security.SecureRandom;
import java.util.Base64;
import org.policycollab.access.AccessNotices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out: checks passwords (on a worker thread: the hash is slow on purpose), throttles
 * guessing, issues session tokens, and creates the first administrator of an empty store.
 */
public final class Accounts {
  private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
  public static final String ADMIN = "admin";
  private static final int MAX_PASSWORD = 1024;

  /** A signed-in person and their token. */
  public record Session(Account account, String token) {}

  /** The person a valid token names, the token's id, and when it expires (ms since the epoch). */
  public record SignedIn(Account account, String tokenId, long expiresAtMs) {}

  private final Vertx vertx;
  private final AccountStore store;
  private final SessionTokens tokens;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle = new LoginThrottle(System::currentTimeMillis);
  private final SessionCache sessions = new SessionCache(System::currentTimeMillis);
  /** Checked for unknown usernames too, so that the time taken does not tell which names exist. */
  private final String decoyHash;

  public Accounts(Vertx vertx, AccountStore store, SessionTokens tokens, PasswordHasher hasher) {
    this.vertx = vertx;
    this.store = store;
    this.tokens = tokens;
    this.hasher = hasher;
    this.decoyHash = hasher.hash("decoy");
  }

  /**
   * On an empty store, creates the administrator {@code admin} with {@code password}, or with a random
   * one printed once in the log when none is given.
   */
  public Future<Void> bootstrap(String password) {
    return store.count().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture();
      }
      boolean generated = password == null || password.isBlank();
      String chosen = generated ? randomPassword() : password;
      return vertx.executeBlocking(() -> hasher.hash(chosen), false)
          .compose(hash -> store.insert(new Account(ADMIN, "Administrator", "", "", "", hash, true, false, System.currentTimeMillis(), 0)))
          .onSuccess(inserted -> {
            if (inserted && generated) {
              // Printed once, here, because nobody could sign in otherwise; set COLLAB_ADMIN_PASSWORD to avoid it.
              LOG.warn("created the administrator '{}' with the password {} (shown this once: note it down)", ADMIN, chosen);
            } else if (inserted) {
              LOG.info("created the administrator '{}' with the password from COLLAB_ADMIN_PASSWORD", ADMIN);
            }
          })
          .mapEmpty();
    });
  }

  /** Signs in; fails with 401 for a wrong name or password (the same answer), 403 if disabled, 429 when throttled. */
  public Future<Session> login(String username, String password, String address) {
    if (username == null || password == null || username.isEmpty() || username.length() > 128 || password.length() > MAX_PASSWORD) {
      return Future.failedFuture(AccountException.unauthenticated("wrong username or password"));
    }
    long wait = throttle.waitMs(username, address);
    if (wait > 0) {
      return Future.failedFuture(new AccountException(429, "ERR_TOO_MANY_ATTEMPTS",
          "too many failed sign-ins; try again in " + Math.max(1, wait / 60_000) + " minute(s)", wait));
    }
    return store.find(username).compose(account -> vertx
        .executeBlocking(() -> hasher.matches(password, account == null ? decoyHash : account.passwordHash()), false)
        .compose(matches -> {
          if (account == null || !matches) {
            throttle.failed(username, address);
            LOG.info("failed sign-in for '{}' from {}", username, address);
            return Future.failedFuture(AccountException.unauthenticated("wrong username or password"));
          }
          if (account.disabled()) {
            return Future.failedFuture(new AccountException(403, "ERR_ACCOUNT_DISABLED", "this account is disabled", 0));
          }
          throttle.succeeded(username);
          LOG.info("'{}' signed in from {}", username, address);
          return Future.succeededFuture(new Session(account, tokens.issue(username)));
        }));
  }

  /** The account a session token belongs to; fails with 401 for a missing, bad or expired token. */
  public Future<SignedIn> current(String token) {
    if (token == null || token.isEmpty()) {
      return Future.failedFuture(AccountException.unauthenticated("sign in first"));
    }
    return tokens.verify(token)
        .recover(error -> Future.failedFuture(AccountException.unauthenticated("the session has expired or is not valid; sign in again")))
        .compose(verified -> {
          SignedIn known = sessions.get(verified.tokenId());
          return known != null ? Future.succeededFuture(known) : lookUp(verified).onSuccess(sessions::put);
        });
  }

  /** The account and whether the session was ended, from the store. */
  private Future<SignedIn> lookUp(SessionTokens.Verified verified) {
    return Future.all(store.find(verified.username()), store.isRevoked(verified.tokenId())).compose(both -> {
          Account account = both.resultAt(0);
          if (account == null || account.disabled()) {
            return Future.failedFuture(AccountException.unauthenticated("the account is gone or disabled; sign in again"));
          }
          if (both.<Boolean>resultAt(1) || verified.issuedAtMs() < account.sessionsValidFrom()) {
            return Future.failedFuture(AccountException.unauthenticated("this session was ended; sign in again"));
          }
          return Future.succeededFuture(new SignedIn(account, verified.tokenId(), verified.expiresAtMs()));
        });
  }

  /**
   * Forgets what {@link #current} remembered about {@code username} on this node; other nodes forget on
   * the notice that follows a change of the account or its sessions.
   */
  public void forget(String username) {
    sessions.forget(username);
  }

  /**
   * Forgets what {@link #current} remembered about a person as soon as a notice about their account or
   * sessions reaches this node (from any node): disabled, new password, signed out, rights changed.
   */
  public MessageConsumer<String> followNotices() {
    return AccessNotices.listenToAll(vertx, notice -> {
      if (notice.docId() == null) {
        sessions.forget(notice.username());
      }
    });
  }

  /** Signs out: the token is refused from now on, and connections opened with it close. */
  public Future<Void> logout(String token) {
    if (token == null || token.isEmpty()) {
      return Future.succeededFuture();
    }
    return tokens.verify(token).transform(verified -> verified.failed()
        ? Future.succeededFuture() // a token that is no longer valid has nothing to end
        : store.revoke(verified.result().tokenId(), verified.result().username(), verified.result().expiresAtMs())
            .onSuccess(v -> forget(verified.result().username()))
            .onSuccess(v -> AccessNotices.tell(vertx, AccessNotices.Notice.session(verified.result().username(), verified.result().tokenId()))));
  }

  public int sessionLifetimeSeconds() {
    return tokens.lifetimeSeconds();
  }

  public AccountStore store() {
    return store;
  }

  /** Hashes a password on a worker thread (the hash is slow on purpose). */
  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hasher.hash(password), false);
  }

  private static String randomPassword() {
    byte[] bytes = new byte[15];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
