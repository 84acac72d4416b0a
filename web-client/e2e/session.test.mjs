/**
 * Signing in (`/api/session`): the first start creates the administrator (password from
 * COLLAB_ADMIN_PASSWORD, or generated and logged once); a right password gives a token and an HttpOnly,
 * SameSite=Strict cookie, either of which identifies the user afterwards; wrong passwords and unknown
 * names get the same 401; guessing is throttled (429 with Retry-After); signing out clears the cookie;
 * the session survives a restart (the key is kept in the data directory); no token or password is
 * ever logged. (Requiring a session for documents comes with roles.)
 *
 * Skipped on E2E_TARGET=ref: the stock server has no accounts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_TIMEOUT_MS } from './client.mjs';
import { IS_REF, armWatchdog, startServer } from './server.mjs';

armWatchdog(150, 'session.test.mjs');
const skip = IS_REF ? 'the stock ShareDB server has no accounts' : false;
const PASSWORD = 'Kalev-ja-Linda 🇪🇪 2026';

async function call(server, method, path, { body, cookie, bearer } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

describe('sessions', () => {
  let server;
  let generated;
  before(async () => {
    if (skip) return;
    server = await startServer({ env: { COLLAB_ADMIN_PASSWORD: PASSWORD } });
    generated = await startServer({ env: { COLLAB_ADMIN_PASSWORD: '' } });
  }, { timeout: TEST_TIMEOUT_MS });
  after(async () => { await server?.close(); await generated?.close(); });

  it('the administrator signs in with a token and a cookie, either of which says who they are',
    { timeout: TEST_TIMEOUT_MS, skip }, async () => {
      const signedIn = await call(server, 'POST', '/api/session', { body: { username: 'admin', password: PASSWORD } });
      assert.equal(signedIn.status, 200);
      assert.equal(signedIn.body.user.username, 'admin');
      assert.equal(signedIn.body.user.admin, true);
      assert.ok(signedIn.body.token.split('.').length === 3, 'a JWT');
      const setCookie = signedIn.headers.get('set-cookie');
      assert.match(setCookie, /^collab_session=[^;]+/);
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Strict/i);
      const cookie = setCookie.split(';')[0];

      assert.equal((await call(server, 'GET', '/api/session', { cookie })).body.user.username, 'admin');
      assert.equal((await call(server, 'GET', '/api/session', { bearer: signedIn.body.token })).body.user.username, 'admin');
      assert.equal((await call(server, 'GET', `/api/session?access_token=${signedIn.body.token}`)).status, 200);

      const out = await call(server, 'DELETE', '/api/session', { cookie });
      assert.equal(out.status, 204);
      assert.match(out.headers.get('set-cookie'), /collab_session=;.*Max-Age=0/i);
      assert.equal((await call(server, 'GET', '/api/session', { bearer: signedIn.body.token })).status, 401,
        'signing out ended the session, for the token too');

      const again = await call(server, 'POST', '/api/session', { body: { username: 'admin', password: PASSWORD } });
      await server.restart();
      assert.equal((await call(server, 'GET', '/api/session', { bearer: again.body.token })).status, 200,
        'a session survives a restart: the key is kept');
      assert.equal((await call(server, 'GET', '/api/session', { bearer: signedIn.body.token })).status, 401,
        'and so does signing out');
      assert.ok(!server.output.includes(signedIn.body.token.split('.')[2]), 'no token in the log');
      assert.ok(!server.output.includes(PASSWORD), 'no password in the log');
    });

  it('no session, a forged one or a wrong password: 401, the same for unknown names', { timeout: TEST_TIMEOUT_MS, skip },
    async () => {
      assert.equal((await call(server, 'GET', '/api/session')).body.error.code, 'ERR_UNAUTHENTICATED');
      const { body } = await call(server, 'POST', '/api/session', { body: { username: 'admin', password: PASSWORD } });
      const [head, payload] = body.token.split('.');
      const forgedPayload = Buffer.from(JSON.stringify({ sub: 'admin', exp: 4102444800 })).toString('base64url');
      for (const token of [`${head}.${forgedPayload}.${body.token.split('.')[2]}`, `${head}.${payload}.AAAA`, 'nonsense']) {
        const answer = await call(server, 'GET', '/api/session', { bearer: token });
        assert.equal(answer.status, 401, `token ${token.slice(0, 20)}...`);
      }
      const wrong = await call(server, 'POST', '/api/session', { body: { username: 'admin', password: 'nope' } });
      const unknown = await call(server, 'POST', '/api/session', { body: { username: 'nobody', password: 'nope' } });
      assert.equal(wrong.status, 401);
      assert.deepEqual(unknown.body, wrong.body, 'an unknown name gets the same answer as a wrong password');
      assert.equal((await call(server, 'POST', '/api/session', { body: { username: 'admin' } })).status, 400);
    });

  it('without COLLAB_ADMIN_PASSWORD the administrator gets a random password, logged once', { timeout: TEST_TIMEOUT_MS, skip },
    async () => {
      const line = /created the administrator 'admin' with the password (\S+)/.exec(generated.output);
      assert.ok(line, 'the generated password is in the log');
      assert.ok(line[1].length >= 16);
      assert.equal(generated.output.split('created the administrator').length - 1, 1, 'once');
      const signedIn = await call(generated, 'POST', '/api/session', { body: { username: 'admin', password: line[1] } });
      assert.equal(signedIn.status, 200, 'the logged password signs in');
    });

  it('guessing is throttled per user: 429 with Retry-After, even for the right password', { timeout: TEST_TIMEOUT_MS, skip },
    async () => {
      for (let i = 0; i < 5; i++) {
        await call(generated, 'POST', '/api/session', { body: { username: 'admin', password: `guess ${i}` } });
      }
      const throttled = await call(generated, 'POST', '/api/session', { body: { username: 'admin', password: 'guess 6' } });
      assert.equal(throttled.status, 429);
      assert.equal(throttled.body.error.code, 'ERR_TOO_MANY_ATTEMPTS');
      assert.ok(Number(throttled.headers.get('retry-after')) > 60);
    });
});
