package org.policycollab.accounts;

import io.vertx.core.Future;

/** Where accounts are kept (the {@code users} collection beside the documents). */
public interface AccountStore {
  /** The account, or {@code null} when there is none of that name. */
  Future<Account> find(String username);

  /** Adds the account; {@code false} when the username is taken. */
  Future<Boolean> insert(Account account);

  /** How many accounts there are. */
  Future<Long> count();

  /** The accounts in username order, at most {@code limit}. */
  Future<java.util.List<Account>> list(int limit);

  /** Those of {@code usernames} that exist. */
  Future<java.util.Map<String, Account>> findAll(java.util.Collection<String> usernames);

  /** Ends one session: its token ({@code tokenId}) is refused from now until it would expire anyway. */
  Future<Void> revoke(String tokenId, String username, long expiresAtMs);

  /** Whether the session of that token was ended. */
  Future<Boolean> isRevoked(String tokenId);

  /** Replaces everything but the username and creation time; {@code false} when there is no such account. */
  Future<Boolean> update(Account account);
}
