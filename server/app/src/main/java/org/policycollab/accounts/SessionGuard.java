package org.policycollab.accounts;

import io.vertx.ext.web.RoutingContext;
import org.policycollab.access.Caller;
import org.policycollab.api.ApiReplies;

/**
 * In front of every API that needs a signed-in person: resolves the session token (cookie, bearer or
 * {@code access_token}) to its account, or answers 401 {@code ERR_UNAUTHENTICATED} and goes no further.
 * Handlers behind it read the person with {@link #signedIn} and {@link #caller}.
 */
public final class SessionGuard {
  private static final String KEY = "collab.signedIn";

  private final Accounts accounts;

  public SessionGuard(Accounts accounts) {
    this.accounts = accounts;
  }

  public void handle(RoutingContext context) {
    accounts.current(SessionApi.token(context.request())).onComplete(done -> {
      if (done.succeeded()) {
        context.put(KEY, done.result());
        context.next();
      } else if (done.cause() instanceof AccountException refused) {
        ApiReplies.error(context, refused.status(), refused.code(), refused.getMessage());
      } else {
        ApiReplies.error(context, 503, "ERR_STORE_UNAVAILABLE", "the account store is unavailable; try again");
      }
    });
  }

  public static Accounts.SignedIn signedIn(RoutingContext context) {
    return context.get(KEY);
  }

  public static Account account(RoutingContext context) {
    return signedIn(context).account();
  }

  public static Caller caller(RoutingContext context) {
    Account account = account(context);
    return new Caller(account.username(), account.admin());
  }
}
