/**
 * Comment threads (/api/docs/:id/comments). The passage of a new thread is given at the document
 * version the selection was taken at (`v`); the server moves it to the current version and answers
 * 409 ERR_PASSAGE_GONE when that text was deleted meanwhile. Every call resolves to the thread as it
 * is now: {id, quote, author, name, createdAt, resolved, resolvedBy, resolvedAt, rev, messages, ranges,
 * detached}.
 */
import { createApiCaller } from './http.js';

/** `fetch`, `baseUrl` and `onUnauthenticated` as in createApiCaller (http.js). */
export function createCommentsApi(options = {}) {
  const call = createApiCaller(options);
  const threadsPath = (docId) => `/api/docs/${encodeURIComponent(docId)}/comments`;
  const threadPath = (docId, threadId) => `${threadsPath(docId)}/${encodeURIComponent(threadId)}`;
  const messagePath = (docId, threadId, messageId) => `${threadPath(docId, threadId)}/messages/${encodeURIComponent(messageId)}`;
  return {
    /** The threads, `status` 'open' | 'resolved' | 'all', optionally only those started by `author`. */
    async listThreads(docId, { status = 'all', author = null } = {}) {
      const query = new URLSearchParams({ status });
      if (author) query.set('author', author);
      return (await call('GET', `${threadsPath(docId)}?${query}`))?.threads ?? [];
    },
    /** A new thread on the passage [index, index + length) of version `v`, with its first message. */
    createThread: (docId, { v, index, length, text }) => call('POST', threadsPath(docId), { v, index, length, text }),
    reply: (docId, threadId, text) => call('POST', `${threadPath(docId, threadId)}/messages`, { text }),
    editMessage: (docId, threadId, messageId, text) => call('PATCH', messagePath(docId, threadId, messageId), { text }),
    deleteMessage: (docId, threadId, messageId) => call('DELETE', messagePath(docId, threadId, messageId)),
    resolve: (docId, threadId) => call('POST', `${threadPath(docId, threadId)}/resolve`),
    reopen: (docId, threadId) => call('POST', `${threadPath(docId, threadId)}/reopen`),
  };
}
