import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDocsApi } from '../src/api/docs-api.js';
import { ApiError } from '../src/api/http.js';
import { describeError, isSuggestionsOnlyError } from '../src/api/error-messages.js';

/** A fetch double: records calls and answers with `status` and `body` (an object as JSON, or raw text). */
function fakeFetch(status, body) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, method: init.method, body: init.body === undefined ? undefined : JSON.parse(init.body),
      contentType: init.headers['content-type'] });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, calls };
}

const DOC = { id: 'abc', title: 'Baltic fisheries', updatedAt: 1764290000000, version: 12, online: [{ name: 'Aino' }] };

describe('docs API client', () => {
  it('lists documents with a limit', async () => {
    const { fetch, calls } = fakeFetch(200, { docs: [DOC] });
    assert.deepEqual(await createDocsApi({ fetch }).listDocs({ limit: 20 }), [DOC]);
    assert.deepEqual(calls, [{ url: '/api/docs?limit=20', method: 'GET', body: undefined, contentType: undefined }]);
  });

  it('creates a document with its title as JSON', async () => {
    const { fetch, calls } = fakeFetch(201, DOC);
    assert.deepEqual(await createDocsApi({ fetch }).createDoc('Baltic fisheries'), DOC);
    assert.deepEqual(calls, [{ url: '/api/docs', method: 'POST', body: { title: 'Baltic fisheries' }, contentType: 'application/json' }]);
  });

  it('gets and renames one document, escaping its id', async () => {
    const { fetch, calls } = fakeFetch(200, { ...DOC, readOnly: false });
    const api = createDocsApi({ fetch, baseUrl: 'https://h' });
    assert.equal((await api.getDoc('a/b c')).readOnly, false);
    await api.renameDoc('a/b c', 'New');
    assert.deepEqual(calls.map((c) => [c.method, c.url, c.body]), [
      ['GET', 'https://h/api/docs/a%2Fb%20c', undefined],
      ['PATCH', 'https://h/api/docs/a%2Fb%20c', { title: 'New' }],
    ]);
  });

  it('turns an error reply into an ApiError with the server\'s code', async () => {
    const { fetch } = fakeFetch(404, { error: { code: 'ERR_DOC_DOES_NOT_EXIST', message: 'Document x does not exist' } });
    await assert.rejects(createDocsApi({ fetch }).getDoc('x'), (err) => {
      assert.ok(err instanceof ApiError);
      assert.equal(err.code, 'ERR_DOC_DOES_NOT_EXIST');
      assert.equal(err.status, 404);
      assert.equal(err.message, 'Document x does not exist');
      return true;
    });
  });

  it('copes with an error reply that is not JSON (a proxy\'s HTML page)', async () => {
    const { fetch } = fakeFetch(502, '<html>Bad gateway</html>');
    await assert.rejects(createDocsApi({ fetch }).listDocs(), { code: 'ERR_HTTP', status: 502 });
  });

  it('lists, grants, changes and takes away access, escaping id and username', async () => {
    const access = [{ username: 'aino', displayName: 'Aino', role: 'manager' }, { username: 'b.en', displayName: 'Ben', role: 'viewer' }];
    const { fetch, calls } = fakeFetch(200, { access });
    const api = createDocsApi({ fetch });
    assert.deepEqual(await api.listAccess('a/b'), access);
    assert.deepEqual(await api.setAccess('a/b', 'b.en', 'viewer'), access);
    assert.deepEqual(await api.removeAccess('a/b', 'b.en'), access);
    assert.deepEqual(calls.map((c) => [c.method, c.url, c.body]), [
      ['GET', '/api/docs/a%2Fb/access', undefined],
      ['PUT', '/api/docs/a%2Fb/access/b.en', { role: 'viewer' }],
      ['DELETE', '/api/docs/a%2Fb/access/b.en', undefined],
    ]);
  });

  it('refuses the last manager\'s removal with ERR_LAST_MANAGER', async () => {
    const { fetch } = fakeFetch(409, { error: { code: 'ERR_LAST_MANAGER', message: 'the last manager' } });
    await assert.rejects(createDocsApi({ fetch }).removeAccess('d', 'aino'), { code: 'ERR_LAST_MANAGER', status: 409 });
  });

  it('tells the app when the session is gone (401), once per call, and still fails the call', async () => {
    const heard = [];
    const { fetch } = fakeFetch(401, { error: { code: 'ERR_UNAUTHENTICATED', message: 'sign in' } });
    const api = createDocsApi({ fetch, onUnauthenticated: (err) => heard.push(err.status) });
    await assert.rejects(api.listDocs(), { code: 'ERR_UNAUTHENTICATED' });
    await assert.rejects(api.getDoc('x'), { code: 'ERR_UNAUTHENTICATED' });
    assert.deepEqual(heard, [401, 401]);
  });

  it('does not take a refusal to share (403) for a session that ended', async () => {
    const heard = [];
    const { fetch } = fakeFetch(403, { error: { code: 'ERR_FORBIDDEN', message: 'not shared' } });
    await assert.rejects(createDocsApi({ fetch, onUnauthenticated: () => heard.push(1) }).getDoc('x'), { code: 'ERR_FORBIDDEN', status: 403 });
    assert.deepEqual(heard, []);
  });

  it('reports a failed request as ERR_NETWORK', async () => {
    const fetch = async () => { throw new TypeError('Failed to fetch'); };
    await assert.rejects(createDocsApi({ fetch }).listDocs(), { code: 'ERR_NETWORK', status: 0 });
  });
});

describe('error messages', () => {
  it('lists and decides suggestions, chosen by ids, author or all', async () => {
    const listing = fakeFetch(200, { suggestions: [{ id: 's1', kind: 'insert', author: 'rita' }] });
    assert.deepEqual(await createDocsApi({ fetch: listing.fetch }).listSuggestions('a/b'), [{ id: 's1', kind: 'insert', author: 'rita' }]);
    assert.deepEqual(listing.calls.map((c) => [c.method, c.url]), [['GET', '/api/docs/a%2Fb/suggestions']]);

    const { fetch, calls } = fakeFetch(200, { v: 7, decided: 2 });
    const api = createDocsApi({ fetch });
    assert.deepEqual(await api.decideSuggestions('a/b', 'accept', { ids: ['s1', 's2'] }), { v: 7, decided: 2 });
    await api.decideSuggestions('a/b', 'reject', { author: 'rita' });
    await api.decideSuggestions('a/b', 'accept', { all: true });
    assert.deepEqual(calls.map((c) => [c.method, c.url, c.body]), [
      ['POST', '/api/docs/a%2Fb/suggestions/decide', { decision: 'accept', ids: ['s1', 's2'] }],
      ['POST', '/api/docs/a%2Fb/suggestions/decide', { decision: 'reject', author: 'rita' }],
      ['POST', '/api/docs/a%2Fb/suggestions/decide', { decision: 'accept', all: true }],
    ]);
    assert.throws(() => api.decideSuggestions('a/b', 'accept', {}), TypeError, 'a decision on nothing in particular');
  });

  it('passes on a refused decision (403) with its code', async () => {
    const { fetch } = fakeFetch(403, { error: { code: 'ERR_FORBIDDEN', message: 'only editors and managers decide' } });
    await assert.rejects(createDocsApi({ fetch }).decideSuggestions('d', 'accept', { all: true }), { code: 'ERR_FORBIDDEN', status: 403 });
  });

  it('explains each error code in words', () => {
    assert.equal(describeError(new ApiError({ code: 'ERR_NETWORK', status: 0 })),
      'the server cannot be reached; check your connection');
    assert.equal(describeError(new ApiError({ code: 'ERR_DOC_DOES_NOT_EXIST', status: 404 })), 'it does not exist');
    assert.equal(describeError(new ApiError({ code: 'ERR_BAD_REQUEST', status: 400, message: 'title too long' })),
      'the server did not accept it (title too long)');
    assert.equal(describeError({ code: 'ERR_DOCUMENT_READ_ONLY', message: 'x' }), 'you may not change this document');
    assert.equal(describeError({ code: 'ERR_SUGGESTIONS_ONLY', message: 'x' }), 'only suggestions of your own are accepted from you here');
    assert.equal(isSuggestionsOnlyError({ code: 'ERR_SUGGESTIONS_ONLY' }), true);
    assert.equal(isSuggestionsOnlyError({ code: 'ERR_DOCUMENT_READ_ONLY' }), false);
    assert.equal(describeError({ code: 'ERR_OP_SUBMIT_REJECTED' }), 'the server turned the change down');
    assert.equal(describeError({ code: 'ERR_PENDING_OP_REMOVED_BY_OP_SUBMIT_REJECTED' }), 'the server turned the change down');
    assert.equal(describeError(new ApiError({ code: 'ERR_HTTP', status: 502 })), 'the server answered with error 502');
    assert.equal(describeError(new ApiError({ code: 'ERR_INTERNAL', status: 500 })), 'the server answered with error 500');
  });

  it('names what it does not know, a ShareDB error code or a plain exception', () => {
    assert.equal(describeError({ code: 'ERR_OT_OP_NOT_APPLIED', message: 'Op does not apply' }), 'unexpected error (ERR_OT_OP_NOT_APPLIED)');
    assert.equal(describeError(new Error('boom')), 'unexpected error (boom)');
  });
});
