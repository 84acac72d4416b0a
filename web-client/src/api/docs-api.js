/**
 * The server's HTTP API for document metadata (the text itself travels over ShareDB):
 *   GET /api/docs?limit=N, POST /api/docs {title}, GET /api/docs/:id, PATCH /api/docs/:id {title}.
 * Failures become an ApiError carrying the server's stable error code, so callers decide on codes and
 * never on message text.
 */

/** A failed call: `code` is the server's `ERR_…` code, `ERR_NETWORK` or `ERR_HTTP`; `status` 0 without a reply. */
export class ApiError extends Error {
  constructor({ code, status, message }) {
    super(message || code);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

/** `fetch` is injectable for tests; `baseUrl` '' keeps calls on the page's own origin. */
export function createDocsApi({ fetch = globalThis.fetch.bind(globalThis), baseUrl = '' } = {}) {
  async function call(method, path, body) {
    let response;
    try {
      response = await fetch(baseUrl + path, {
        method,
        headers: body === undefined ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new ApiError({ code: 'ERR_NETWORK', status: 0, message: err?.message });
    }
    const payload = await readJson(response);
    if (response.ok) return payload;
    const error = payload?.error;
    throw new ApiError({
      code: typeof error?.code === 'string' ? error.code : 'ERR_HTTP',
      status: response.status,
      message: typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
    });
  }

  const docPath = (id) => `/api/docs/${encodeURIComponent(id)}`;
  return {
    /** The documents, newest change first. */
    listDocs: async ({ limit = 100 } = {}) => (await call('GET', `/api/docs?limit=${limit}`))?.docs ?? [],
    createDoc: (title) => call('POST', '/api/docs', { title }),
    /** One document's metadata, with `readOnly` for this user. */
    getDoc: (id) => call('GET', docPath(id)),
    renameDoc: (id, title) => call('PATCH', docPath(id), { title }),
  };
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null; // an HTML error page from a proxy, or an empty body
  }
}
