/**
 * The accounts (/api/users): everyone signed in may list them (to share a document with someone);
 * administrators also see email, admin and disabled, and may create and change accounts.
 */
import { createApiCaller } from './http.js';

export function createUsersApi(options = {}) {
  const call = createApiCaller(options);
  const userPath = (username) => `/api/users/${encodeURIComponent(username)}`;
  return {
    listUsers: async () => (await call('GET', '/api/users'))?.users ?? [],
    /** {username, password, displayName, organisation?, country?, email?, admin?} → the new account. */
    createUser: async (fields) => (await call('POST', '/api/users', fields))?.user,
    /** Changes some fields ({disabled: true}, {admin: false}, …) → the account as it is now. */
    updateUser: async (username, changes) => (await call('PATCH', userPath(username), changes))?.user,
  };
}
