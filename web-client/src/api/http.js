/**
 * One way to call the server's JSON API, shared by the docs, session and users clients. The session
 * cookie (HttpOnly, SameSite=Strict) travels by itself on the page's own origin, so no token is handled
 * here. Failures become an ApiError carrying the server's stable error code, so callers decide on codes
 * and never on message text.
 */

/**
 * A failed call: `code` is the server's `ERR_…` code, `ERR_NETWORK` or `ERR_HTTP`; `status` 0 without a
 * reply; `retryAfterSeconds` from a Retry-After header (sign-in throttling), else null.
 */
export class ApiError extends Error {
  constructor({ code, status, message, retryAfterSeconds = null }) {
    super(message || code);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const UNAUTHENTICATED = 'ERR_UNAUTHENTICATED';

/** True for the answer every API call gets once the session is gone (expired, signed out elsewhere). */
export function isUnauthenticated(err) {
  return err?.code === UNAUTHENTICATED;
}

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * `call(method, path, body?)` resolving to the parsed JSON reply (null for 204). `fetch` is injectable
 * for tests; `baseUrl` '' keeps calls on the page's own origin. `onUnauthenticated(err)` hears of every
 * ERR_UNAUTHENTICATED answer, so the app can show the sign-in page wherever the session ran out.
 */
export function createApiCaller({ fetch = globalThis.fetch.bind(globalThis), baseUrl = '', onUnauthenticated = () => {} } = {}) {
  return async function call(method, path, body, { quietUnauthenticated = false } = {}) {
    let response;
    try {
      response = await fetch(baseUrl + path, {
        method,
        headers: body === undefined ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new ApiError({ code: 'ERR_NETWORK', status: 0, message: err?.message });
    }
    const payload = await readJson(response);
    if (response.ok) return payload;
    const error = payload?.error;
    const failure = new ApiError({
      code: typeof error?.code === 'string' ? error.code : 'ERR_HTTP',
      status: response.status,
      message: typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
      retryAfterSeconds: parseRetryAfter(response.headers?.get?.('retry-after')),
    });
    if (isUnauthenticated(failure) && !quietUnauthenticated) onUnauthenticated(failure);
    throw failure;
  };
}

/** Retry-After in seconds (the server sends seconds; an HTTP date is turned into seconds from now). */
export function parseRetryAfter(value, now = Date.now()) {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - now) / 1000)) : null;
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null; // an HTML error page from a proxy, or an empty body (204)
  }
}
