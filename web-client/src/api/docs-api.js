/**
 * The server's HTTP API for document metadata and sharing (the text itself travels over ShareDB):
 *   GET /api/docs?limit=N, POST /api/docs {title}, GET /api/docs/:id, PATCH /api/docs/:id {title},
 *   GET /api/docs/:id/access, PUT /api/docs/:id/access/:username {role}, DELETE the same,
 *   GET /api/docs/:id/suggestions, POST /api/docs/:id/suggestions/decide {decision, ids | author | all}.
 */
import { createApiCaller } from './http.js';

/** `fetch`, `baseUrl` and `onUnauthenticated` as in createApiCaller (http.js). */
export function createDocsApi(options = {}) {
  const call = createApiCaller(options);
  const docPath = (id) => `/api/docs/${encodeURIComponent(id)}`;
  const accessPath = (id, username) => `${docPath(id)}/access/${encodeURIComponent(username)}`;
  return {
    /** The documents shared with this user, newest change first, each with this user's `role`. */
    listDocs: async ({ limit = 100 } = {}) => (await call('GET', `/api/docs?limit=${limit}`))?.docs ?? [],
    createDoc: (title) => call('POST', '/api/docs', { title }),
    /** One document's metadata, with this user's `role`, `readOnly` and `canShare`. */
    getDoc: (id) => call('GET', docPath(id)),
    renameDoc: (id, title) => call('PATCH', docPath(id), { title }),
    /** Who has access: [{username, displayName, organisation, country, role}]. */
    listAccess: async (id) => (await call('GET', `${docPath(id)}/access`))?.access ?? [],
    /** Gives `username` the role (adds them, or changes their role); resolves to the new access list. */
    setAccess: async (id, username, role) => (await call('PUT', accessPath(id, username), { role }))?.access ?? [],
    /** Takes `username`'s access away; resolves to the new access list. */
    removeAccess: async (id, username) => (await call('DELETE', accessPath(id, username)))?.access ?? [],
    /** The document's suggestions: [{id, kind, author, name, at, index, length, text}]. */
    listSuggestions: async (id) => (await call('GET', `${docPath(id)}/suggestions`))?.suggestions ?? [],
    /**
     * Accepts or rejects suggestions (`decision` 'accept' | 'reject'), chosen by `{ids: [...]}`,
     * `{author: username}` or `{all: true}`. The server commits the result as an ordinary op, which
     * reaches every editor like any other; resolves to {v, decided} (the version after, how many).
     */
    decideSuggestions: (id, decision, which) => call('POST', `${docPath(id)}/suggestions/decide`,
      { decision, ...whichSuggestions(which) }),
  };
}

/** Exactly one way of choosing, as the API takes it. */
function whichSuggestions(which) {
  if (Array.isArray(which?.ids)) return { ids: which.ids };
  if (typeof which?.author === 'string') return { author: which.author };
  if (which?.all === true) return { all: true };
  throw new TypeError('choose suggestions by ids, author or all');
}
