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
}
