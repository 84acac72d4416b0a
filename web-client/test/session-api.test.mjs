import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSessionApi } from '../src/api/session-api.js';
import { parseRetryAfter } from '../src/api/http.js';
import { createUsersApi } from '../src/api/users-api.js';

/** A fetch double answering each call with the next of `replies` ({status, body, headers}). */
function scriptedFetch(...replies) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, method: init.method, body: init.body === undefined ? undefined : JSON.parse(init.body),
      credentials: init.credentials });
    const reply = replies.shift();
    if (reply instanceof Error) throw reply;
    const text = reply.body === undefined ? null : JSON.stringify(reply.body);
    return new Response(reply.status === 204 ? null : text,
      { status: reply.status, headers: { 'content-type': 'application/json', ...reply.headers } });
  };
  return { fetch, calls };
}

const AINO = { username: 'aino', displayName: 'Aino Virtanen', organisation: 'SYKE', country: 'Finland', admin: false };
const UNAUTHENTICATED = { status: 401, body: { error: { code: 'ERR_UNAUTHENTICATED', message: 'sign in' } } };

describe('session API client', () => {
  it('says who is signed in, or null without a session', async () => {
    const { fetch, calls } = scriptedFetch({ status: 200, body: { user: AINO } }, UNAUTHENTICATED);
    const api = createSessionApi({ fetch });
    assert.deepEqual(await api.current(), AINO);
    assert.equal(await api.current(), null);
    assert.deepEqual(calls.map((c) => [c.method, c.url, c.credentials]),
      [['GET', '/api/session', 'same-origin'], ['GET', '/api/session', 'same-origin']]);
  });

  it('does not know when the server cannot be reached, and says so', async () => {
    const { fetch } = scriptedFetch(new TypeError('Failed to fetch'));
    await assert.rejects(createSessionApi({ fetch }).current(), { code: 'ERR_NETWORK' });
  });

  it('signs in with username and password, keeping no token', async () => {
    const { fetch, calls } = scriptedFetch({ status: 200, body: { user: AINO, token: 'a.b.c', expiresInSeconds: 3600 } });
    assert.deepEqual(await createSessionApi({ fetch }).signIn('aino', 'secret password'), AINO);
    assert.deepEqual(calls[0], { url: '/api/session', method: 'POST', body: { username: 'aino', password: 'secret password' },
      credentials: 'same-origin' });
  });

  it('refuses a sign-in with the server\'s code, and the wait for too many attempts', async () => {
    const { fetch } = scriptedFetch(
      UNAUTHENTICATED,
      { status: 403, body: { error: { code: 'ERR_ACCOUNT_DISABLED', message: 'disabled' } } },
      { status: 429, body: { error: { code: 'ERR_TOO_MANY_ATTEMPTS', message: 'wait' } }, headers: { 'retry-after': '840' } },
    );
    const api = createSessionApi({ fetch });
    await assert.rejects(api.signIn('aino', 'wrong'), { code: 'ERR_UNAUTHENTICATED', status: 401 });
    await assert.rejects(api.signIn('aino', 'right'), { code: 'ERR_ACCOUNT_DISABLED', status: 403 });
    await assert.rejects(api.signIn('aino', 'again'), { code: 'ERR_TOO_MANY_ATTEMPTS', status: 429, retryAfterSeconds: 840 });
  });

  it('signs out; already signed out counts as done', async () => {
    const { fetch, calls } = scriptedFetch({ status: 204 }, UNAUTHENTICATED);
    const api = createSessionApi({ fetch });
    await api.signOut();
    await api.signOut();
    assert.deepEqual(calls.map((c) => c.method), ['DELETE', 'DELETE']);
  });

  it('never reports its own 401s as a session that ended (they are the normal signed-out answers)', async () => {
    const heard = [];
    const { fetch } = scriptedFetch(UNAUTHENTICATED, UNAUTHENTICATED, UNAUTHENTICATED);
    const api = createSessionApi({ fetch, onUnauthenticated: (err) => heard.push(err) });
    await api.current();
    await assert.rejects(api.signIn('aino', 'wrong'));
    await api.signOut();
    assert.deepEqual(heard, []);
  });
});

describe('users API client', () => {
  it('lists, creates and changes accounts, escaping the username', async () => {
    const { fetch, calls } = scriptedFetch(
      { status: 200, body: { users: [AINO] } },
      { status: 201, body: { user: { ...AINO, username: 'ben' } } },
      { status: 200, body: { user: { ...AINO, disabled: true } } },
    );
    const api = createUsersApi({ fetch });
    assert.deepEqual(await api.listUsers(), [AINO]);
    assert.equal((await api.createUser({ username: 'ben', password: 'long enough 123', displayName: 'Ben' })).username, 'ben');
    assert.equal((await api.updateUser('a.b-c', { disabled: true })).disabled, true);
    assert.deepEqual(calls.map((c) => [c.method, c.url, c.body]), [
      ['GET', '/api/users', undefined],
      ['POST', '/api/users', { username: 'ben', password: 'long enough 123', displayName: 'Ben' }],
      ['PATCH', '/api/users/a.b-c', { disabled: true }],
    ]);
  });

  it('tells the app when a call finds the session gone', async () => {
    const heard = [];
    const { fetch } = scriptedFetch(UNAUTHENTICATED);
    await assert.rejects(createUsersApi({ fetch, onUnauthenticated: (err) => heard.push(err.code) }).listUsers(),
      { code: 'ERR_UNAUTHENTICATED' });
    assert.deepEqual(heard, ['ERR_UNAUTHENTICATED']);
  });
});

describe('Retry-After', () => {
  it('reads seconds, or an HTTP date as seconds from now', () => {
    assert.equal(parseRetryAfter('120'), 120);
    assert.equal(parseRetryAfter(' 5 '), 5);
    const now = Date.parse('2026-11-28T10:00:00Z');
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 10:02:00 GMT', now), 120);
    for (const nothing of [null, undefined, '', 'soon']) assert.equal(parseRetryAfter(nothing), null, String(nothing));
  });
});
