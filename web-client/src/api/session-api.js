/**
 * Signing in and out (/api/session). A successful sign-in sets the HttpOnly session cookie, which the
 * browser then sends with every API call and the WebSocket upgrade on this origin; the token in the
 * reply is not kept (script cannot read the cookie, and should not hold a copy of it either).
 */
import { createApiCaller, isUnauthenticated } from './http.js';

export function createSessionApi(options = {}) {
  const call = createApiCaller(options);
  return {
    /** The signed-in account, or null when there is no valid session (401). Other failures throw. */
    async current() {
      try {
        return (await call('GET', '/api/session', undefined, { quietUnauthenticated: true }))?.user ?? null;
      } catch (err) {
        if (isUnauthenticated(err)) return null;
        throw err;
      }
    },
    /** Resolves with the account; rejects with ERR_UNAUTHENTICATED, ERR_ACCOUNT_DISABLED, ERR_TOO_MANY_ATTEMPTS… */
    signIn: async (username, password) => (await call('POST', '/api/session', { username, password },
      { quietUnauthenticated: true }))?.user,
    /** Clears the cookie. Already signed out counts as done. */
    async signOut() {
      try {
        await call('DELETE', '/api/session', undefined, { quietUnauthenticated: true });
      } catch (err) {
        if (!isUnauthenticated(err)) throw err;
      }
    },
  };
}
