/**
 * Accounts and per-document roles, enforced on every protocol message and REST call (issue 6):
 *
 *   - the role matrix: manager, editor, reviewer, viewer, an outsider (not shared) and an administrator,
 *     each against every protocol action (f, s, bf, op edit, op del, ps, p, nf) and REST call; what is
 *     refused is refused with a clear code and leaves the document unchanged;
 *   - no session, a forged token, a tampered token and an expired one: refused before any data flows;
 *   - `src` spoofing: an op or handshake naming another person's connection;
 *   - every stored op records its author (read back from the Mongo-wire store with the mongodb driver);
 *   - a change of role or a disabled account closes that person's connections (4403 / 4401), and the
 *     new rights hold when they reconnect;
 *   - presence shows the account's name, whatever the client claims.
 *
 * Skipped on E2E_TARGET=ref: the stock ShareDB server has no accounts.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MongoClient } from 'mongodb';
import {
  Delta, RawSocket, TEST_TIMEOUT_MS, WebSocket, closeAllClients, closeAllRawSockets, connect, createDoc, fetchDoc,
  subscribe, submitOp, waitFor,
} from './client.mjs';
import { IS_REF, armWatchdog, startServer, startWireStore } from './server.mjs';

armWatchdog(300, 'access.test.mjs');
const skip = IS_REF ? 'the stock ShareDB server has no accounts' : false;
const ROLES = ['manager', 'editor', 'reviewer', 'viewer'];

/** Opens a WebSocket: 'open', or the HTTP status of the refused upgrade. */
function upgrade(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => { ws.terminate(); reject(new Error(`no answer from ${url}`)); }, 10_000);
    ws.on('open', () => { clearTimeout(timer); ws.close(); resolve('open'); });
    ws.on('unexpected-response', (request, response) => { clearTimeout(timer); resolve(response.statusCode); request.destroy(); });
    ws.on('error', () => {});
  });
}

/** Opens the WebSocket with an `Authorization` header (as a non-browser client may): 'open' or the status. */
function upgradeWithHeader(url, authorization) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { authorization } });
    const timer = setTimeout(() => { ws.terminate(); reject(new Error(`no answer from ${url}`)); }, 10_000);
    ws.on('open', () => { clearTimeout(timer); ws.close(); resolve('open'); });
    ws.on('unexpected-response', (request, response) => { clearTimeout(timer); resolve(response.statusCode); request.destroy(); });
    ws.on('error', () => {});
  });
}

/** A raw protocol socket signed in with `token`, past the handshake. */
async function rawSocket(server, token) {
  const socket = new RawSocket(server.wsUrlFor(token));
  await socket.handshake();
  return socket;
}

/** The error code of the reply matching `predicate`, or 'ok'. */
async function outcome(socket, predicate, what, read = (reply) => reply.error?.code) {
  const reply = await socket.next(predicate, what);
  return read(reply) ?? 'ok';
}

/** A JWT signed with `key` (HS256), as an attacker without the server's key would make one. */
function forgeToken(payload, key = 'not-the-server-key') {
  const part = (json) => Buffer.from(JSON.stringify(json)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${unsigned}.${crypto.createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

/** The close code of a socket once the server closes it (an event, not a timer). */
function closeCode(socket) {
  return waitFor(() => socket.closed, 'the server to close the socket').then(() => socket.closed.code);
}

describe('accounts and roles', () => {
  let server;
  let store;
  const people = {};
  let docId;

  before(async () => {
    if (skip) return;
    store = await startWireStore();
    server = await startServer({ mongoUri: store.mongoUrl('access') });
    for (const role of [...ROLES, 'outsider']) {
      people[role] = await server.newUser(`${role}-1`, { displayName: `The ${role}`, organisation: 'Partner', country: 'EE' });
    }
    people.admin = { username: 'admin', token: server.adminToken };
    // The manager creates the document over the protocol, as the stock client does, and shares it.
    const client = await connect(server.wsUrlFor(people.manager.token), 'manager');
    docId = `matrix-${Date.now()}`;
    await createDoc(client.doc(docId), [{ insert: 'Agreed text\n' }]);
    client.close();
    for (const role of ['editor', 'reviewer', 'viewer']) {
      const shared = await server.api('PUT', `/api/docs/${docId}/access/${people[role].username}`, { role }, people.manager.token);
      assert.equal(shared.status, 200, `sharing with the ${role}: ${JSON.stringify(shared.body)}`);
    }
  }, { timeout: TEST_TIMEOUT_MS });

  after(async () => {
    closeAllClients();
    closeAllRawSockets();
    if (server) {
      // Nothing above may have put a session token (or its signature) into the server's log.
      for (const person of Object.values(people)) {
        assert.ok(!server.output.includes(person.token.split('.')[2]), `${person.username}'s token is not in the log`);
      }
    }
    await server?.close();
    await store?.close();
  });

  it('every role against every protocol action: allowed, or refused with a clear code and nothing changed',
    { timeout: TEST_TIMEOUT_MS * 2, skip }, async () => {
      const readers = new Set([...ROLES, 'admin']);
      const editors = new Set(['manager', 'editor', 'admin']);
      // A reviewer's plain edit is not a suggestion; a viewer changes nothing; an outsider sees nothing.
      const refusal = (who) => ({ reviewer: 'ERR_SUGGESTIONS_ONLY', viewer: 'ERR_DOCUMENT_READ_ONLY' })[who] ?? 'ERR_FORBIDDEN';
      const actions = {
        fetch: async (s) => outcome(s, (m) => m.a === 'f' && m.d === docId, 'f reply', (m) => m.error?.code ?? (m.data?.v > 0 ? null : 'no data'))
          .finally(() => {}),
        subscribe: async (s) => outcome(s, (m) => m.a === 's' && m.d === docId, 's reply'),
        bulkFetch: async (s) => outcome(s, (m) => m.a === 'bf', 'bf reply', (m) => m.data?.[docId]?.error?.code),
        edit: async (s) => outcome(s, (m) => m.a === 'op' && m.seq === 1, 'op reply'),
        delete: async (s) => outcome(s, (m) => m.a === 'op' && m.seq === 2, 'del reply'),
        presenceSubscribe: async (s) => outcome(s, (m) => m.a === 'ps', 'ps reply'),
        presenceSubmit: async (s) => outcome(s, (m) => m.a === 'p' && m.id === 'pres-1', 'p reply'),
        history: async (s) => outcome(s, (m) => m.a === 'nf', 'nf reply'),
      };
      const requests = (s, who) => ({
        fetch: { a: 'f', c: 'docs', d: docId },
        subscribe: { a: 's', c: 'docs', d: docId },
        bulkFetch: { a: 'bf', c: 'docs', b: [docId] },
        edit: { a: 'op', c: 'docs', d: docId, v: 1, src: s.hs.id, seq: 1, op: [{ insert: `[${who}]` }] },
        delete: { a: 'op', c: 'docs', d: docId, v: 1, src: s.hs.id, seq: 2, del: true },
        presenceSubscribe: { a: 'ps', ch: `docs.${docId}`, seq: 1 },
        presenceSubmit: { a: 'p', ch: `docs.${docId}`, id: 'pres-1', p: { index: 0, length: 0 }, pv: 1, c: 'docs', d: docId, v: 1 },
        history: { a: 'nf', id: 1, c: 'docs', d: docId, v: 1 },
      });
      const actual = {};
      const expected = {};
      for (const who of [...ROLES, 'outsider', 'admin']) {
        actual[who] = {};
        expected[who] = {};
        for (const action of Object.keys(actions)) {
          // Deleting is tried only by those who may not: a delete that works would end the matrix.
          if (action === 'delete' && editors.has(who)) continue;
          const socket = await rawSocket(server, people[who].token);
          socket.send(requests(socket, who)[action]);
          actual[who][action] = await actions[action](socket);
          socket.close();
          const write = action === 'edit' || action === 'delete';
          expected[who][action] = write ? (editors.has(who) ? 'ok' : refusal(who)) : (readers.has(who) ? 'ok' : 'ERR_FORBIDDEN');
        }
      }
      assert.deepEqual(actual, expected);

      // Only the three who may edit changed the text; the refused left no trace.
      const doc = (await connect(server.wsUrlFor(people.manager.token), 'checker')).doc(docId);
      await fetchDoc(doc);
      const text = doc.data.ops.map((op) => op.insert).join('');
      for (const who of ['manager', 'editor', 'admin']) assert.ok(text.includes(`[${who}]`), `${who}'s edit in ${text}`);
      for (const who of ['reviewer', 'viewer', 'outsider']) assert.ok(!text.includes(`[${who}]`), `no ${who} edit in ${text}`);
      assert.equal(doc.version, 4, 'created, then three edits');
      assert.equal(doc.type.uri, 'http://sharejs.org/types/rich-text/v1', 'not deleted');
    });

  it('every role against every REST call', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const calls = {
      list: async (token) => {
        const listed = await server.api('GET', '/api/docs', undefined, token);
        const entry = listed.body.docs.find((d) => d.id === docId);
        return entry ? `listed as ${entry.role}` : 'not listed';
      },
      get: async (token) => {
        const got = await server.api('GET', `/api/docs/${docId}`, undefined, token);
        return got.status === 200
          ? `${got.body.role}${got.body.readOnly ? ' read-only' : ''}${got.body.suggestOnly ? ' suggest-only' : ''}${got.body.canShare ? ' can share' : ''}`
          : got.body.error.code;
      },
      rename: async (token, who) => {
        const renamed = await server.api('PATCH', `/api/docs/${docId}`, { title: `Named by ${who}` }, token);
        return renamed.status === 200 ? 'ok' : `${renamed.status} ${renamed.body.error.code}`;
      },
      seeAccess: async (token) => {
        const access = await server.api('GET', `/api/docs/${docId}/access`, undefined, token);
        return access.status === 200 ? `${access.body.access.length} people` : `${access.status} ${access.body.error.code}`;
      },
      share: async (token) => {
        const shared = await server.api('PUT', `/api/docs/${docId}/access/${people.viewer.username}`, { role: 'viewer' }, token);
        return shared.status === 200 ? 'ok' : `${shared.status} ${shared.body.error.code}`;
      },
      createUser: async (token, who) => {
        const created = await server.api('POST', '/api/users', { username: `made-by-${who}`, password: 'a-long-password', displayName: 'X' }, token);
        return created.status === 201 ? 'ok' : `${created.status} ${created.body.error.code}`;
      },
    };
    const actual = {};
    for (const who of [...ROLES, 'outsider', 'admin']) {
      actual[who] = {};
      for (const [name, call] of Object.entries(calls)) actual[who][name] = await call(people[who].token, who);
    }
    const reader = (role, mode, canShare) => ({
      list: `listed as ${role}`, get: `${role}${mode ? ` ${mode}` : ''}${canShare ? ' can share' : ''}`, seeAccess: '4 people',
    });
    assert.deepEqual(actual, {
      manager: { ...reader('manager', '', true), rename: 'ok', share: 'ok', createUser: '403 ERR_FORBIDDEN' },
      editor: { ...reader('editor', '', false), rename: 'ok', share: '403 ERR_FORBIDDEN', createUser: '403 ERR_FORBIDDEN' },
      reviewer: { ...reader('reviewer', 'suggest-only', false), rename: '403 ERR_DOCUMENT_READ_ONLY', share: '403 ERR_FORBIDDEN', createUser: '403 ERR_FORBIDDEN' },
      viewer: { ...reader('viewer', 'read-only', false), rename: '403 ERR_DOCUMENT_READ_ONLY', share: '403 ERR_FORBIDDEN', createUser: '403 ERR_FORBIDDEN' },
      outsider: { list: 'not listed', get: 'ERR_FORBIDDEN', rename: '403 ERR_FORBIDDEN', seeAccess: '403 ERR_FORBIDDEN', share: '403 ERR_FORBIDDEN', createUser: '403 ERR_FORBIDDEN' },
      admin: { ...reader('manager', '', true), rename: 'ok', share: 'ok', createUser: 'ok' },
    });
    const title = (await server.api('GET', `/api/docs/${docId}`)).body.title;
    assert.match(title, /^Named by (manager|editor|admin)$/, 'the refused renames changed nothing');
  });

  it('a document keeps a manager; unknown users and roles are refused clearly', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const token = people.manager.token;
    const self = await server.api('PUT', `/api/docs/${docId}/access/${people.manager.username}`, { role: 'editor' }, token);
    assert.deepEqual([self.status, self.body.error.code], [409, 'ERR_LAST_MANAGER']);
    const gone = await server.api('DELETE', `/api/docs/${docId}/access/${people.manager.username}`, undefined, token);
    assert.deepEqual([gone.status, gone.body.error.code], [409, 'ERR_LAST_MANAGER']);
    const nobody = await server.api('PUT', `/api/docs/${docId}/access/nobody-here`, { role: 'viewer' }, token);
    assert.deepEqual([nobody.status, nobody.body.error.code], [404, 'ERR_USER_NOT_FOUND']);
    const badRole = await server.api('PUT', `/api/docs/${docId}/access/${people.viewer.username}`, { role: 'owner' }, token);
    assert.deepEqual([badRole.status, badRole.body.error.code], [400, 'ERR_BAD_REQUEST']);
    const access = await server.api('GET', `/api/docs/${docId}/access`, undefined, token);
    assert.deepEqual(access.body.access.map((p) => `${p.username}:${p.role}`).sort(),
      ['editor-1:editor', 'manager-1:manager', 'reviewer-1:reviewer', 'viewer-1:viewer']);
    assert.equal(access.body.access.find((p) => p.username === 'viewer-1').displayName, 'The viewer');
  });

  it('no session, a forged, a tampered or an expired token: refused before any data flows',
    { timeout: TEST_TIMEOUT_MS, skip }, async () => {
      const [, payload] = people.viewer.token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const tampered = [people.viewer.token.split('.')[0], Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url'),
        people.viewer.token.split('.')[2]].join('.');
      const tokens = {
        none: null,
        forged: forgeToken({ sub: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 }),
        tampered,
        expired: forgeToken({ sub: 'admin', exp: Math.floor(Date.now() / 1000) - 10 }),
        garbage: 'not.a.token',
      };
      // The three ways to present a session on the WebSocket: cookie, bearer header, access_token.
      assert.equal(await upgradeWithHeader(server.plainWsUrl, `Bearer ${people.viewer.token}`), 'open', 'bearer header');
      const cookie = (await server.signIn(people.viewer.username, people.viewer.password)).cookie;
      assert.equal(await new Promise((resolve) => {
        const ws = new WebSocket(server.plainWsUrl, { headers: { cookie } });
        ws.on('open', () => { ws.close(); resolve('open'); });
        ws.on('unexpected-response', (request, response) => { resolve(response.statusCode); request.destroy(); });
        ws.on('error', () => {});
      }), 'open', 'session cookie');
      assert.equal(await upgrade(server.wsUrlFor(people.viewer.token)), 'open', 'access_token');
      assert.equal(await upgradeWithHeader(server.plainWsUrl, `Bearer ${tokens.forged}`), 401, 'forged bearer header');
      for (const [kind, token] of Object.entries(tokens)) {
        assert.equal(await upgrade(token ? server.wsUrlFor(token) : server.plainWsUrl), 401, `WebSocket with ${kind}`);
        for (const path of ['/api/docs', `/api/docs/${docId}`, `/api/docs/${docId}/access`, '/api/users']) {
          const answer = await server.api('GET', path, undefined, token);
          assert.deepEqual([answer.status, answer.body.error.code], [401, 'ERR_UNAUTHENTICATED'], `${path} with ${kind}`);
        }
      }
    });

  it('a session ends when its token expires: the socket closes with 4401 and the token is refused after',
    { timeout: TEST_TIMEOUT_MS, skip }, async () => {
      const shortLived = await startServer({ extraArgs: ['--session-lifetime', '3'] });
      try {
        const { token } = await shortLived.signIn('admin', shortLived.env.COLLAB_ADMIN_PASSWORD);
        const socket = new RawSocket(shortLived.wsUrlFor(token));
        await socket.handshake();
        socket.send({ a: 'f', c: 'docs', d: 'anything' });
        assert.equal(await outcome(socket, (m) => m.a === 'f', 'f reply'), 'ok', 'works while the session lasts');
        assert.equal(await closeCode(socket), 4401, 'closed when the session ended');
        assert.equal(await upgrade(shortLived.wsUrlFor(token)), 401, 'the expired token opens nothing');
        const answer = await shortLived.api('GET', '/api/docs', undefined, token);
        assert.deepEqual([answer.status, answer.body.error.code], [401, 'ERR_UNAUTHENTICATED']);
      } finally {
        await shortLived.close();
      }
    });

  it('nobody can act as someone else: src is bound to the signed-in person', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const editor = await rawSocket(server, people.editor.token);
    assert.match(editor.hs.id, /^editor-1:/, 'connection ids name their person');
    const manager = await rawSocket(server, people.manager.token);
    const before = (await server.api('GET', `/api/docs/${docId}`)).body.version;
    // An op naming the manager's connection, from the editor.
    editor.send({ a: 'op', c: 'docs', d: docId, v: before, src: manager.hs.id, seq: 7, op: [{ insert: 'spoof' }] });
    assert.equal(await outcome(editor, (m) => m.a === 'op' && m.seq === 7, 'spoofed op reply'), 'ERR_FORBIDDEN');
    // A handshake claiming the manager's connection id gets a fresh id of the editor's own.
    const claimer = new RawSocket(server.wsUrlFor(people.editor.token));
    await claimer.opened();
    await claimer.next((m) => m.a === 'init', 'init');
    claimer.send({ a: 'hs', id: manager.hs.id, protocol: 1, protocolMinor: 2 });
    const hs = await claimer.next((m) => m.a === 'hs', 'hs reply');
    assert.notEqual(hs.id, manager.hs.id);
    assert.match(hs.id, /^editor-1:/);
    // The editor's own earlier connection id is accepted (the stock client resends under it).
    const again = new RawSocket(server.wsUrlFor(people.editor.token));
    await again.opened();
    await again.next((m) => m.a === 'init', 'init');
    again.send({ a: 'hs', id: editor.hs.id, protocol: 1, protocolMinor: 2 });
    assert.equal((await again.next((m) => m.a === 'hs', 'hs reply')).id, editor.hs.id);
    assert.equal((await server.api('GET', `/api/docs/${docId}`)).body.version, before, 'nothing changed');
  });

  it('every stored op records who made it', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const mongo = new MongoClient(store.mongoUrl('access'), { serverSelectionTimeoutMS: 10_000 });
    try {
      await mongo.connect();
      const ops = await mongo.db('access').collection('o_docs').find({ d: docId }).sort({ v: 1 }).toArray();
      assert.ok(ops.length >= 4, `${ops.length} ops stored`);
      assert.equal(ops[0].m.user, 'manager-1', 'the create');
      const authors = new Set(ops.map((op) => op.m.user));
      assert.deepEqual([...authors].sort(), ['admin', 'editor-1', 'manager-1'].sort(), 'only those who may edit, each named');
      for (const op of ops) assert.ok(op.src.startsWith(`${op.m.user}:`), `op ${op.v}: src ${op.src} is its author's`);
    } finally {
      await mongo.close();
    }
  });

  it('presence carries the account\'s name, whatever the client claims', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const watcher = await rawSocket(server, people.manager.token);
    watcher.send({ a: 'ps', ch: `docs.${docId}`, seq: 1 });
    await watcher.next((m) => m.a === 'ps', 'ps reply');
    const viewer = await rawSocket(server, people.viewer.token);
    viewer.send({ a: 'p', ch: `docs.${docId}`, id: 'claims', p: { index: 0, length: 0, name: 'The manager' }, pv: 1, c: 'docs', d: docId });
    const seen = await watcher.next((m) => m.a === 'p' && m.id === 'claims', "the viewer's presence");
    assert.equal(seen.p.name, 'The viewer');
    assert.equal(seen.src, viewer.hs.id);
  });

  it('a change of role closes that person\'s connections (4403) and holds when they reconnect',
    { timeout: TEST_TIMEOUT_MS, skip }, async () => {
      const editor = await connect(server.wsUrlFor(people.editor.token), 'editor');
      const doc = editor.doc(docId);
      await subscribe(doc);
      await submitOp(doc, new Delta().insert('e'));
      const raw = await rawSocket(server, people.editor.token);
      raw.send({ a: 's', c: 'docs', d: docId });
      await raw.next((m) => m.a === 's', 's reply');
      const bystander = await rawSocket(server, people.editor.token); // uses no document: stays open
      const demoted = await server.api('PUT', `/api/docs/${docId}/access/${people.editor.username}`, { role: 'viewer' }, people.manager.token);
      assert.equal(demoted.status, 200);
      assert.equal(await closeCode(raw), 4403);
      const again = await rawSocket(server, people.editor.token);
      const version = (await server.api('GET', `/api/docs/${docId}`)).body.version;
      again.send({ a: 'op', c: 'docs', d: docId, v: version, src: again.hs.id, seq: 1, op: [{ insert: 'x' }] });
      assert.equal(await outcome(again, (m) => m.a === 'op' && m.seq === 1, 'op reply'), 'ERR_DOCUMENT_READ_ONLY');
      const removed = await server.api('DELETE', `/api/docs/${docId}/access/${people.editor.username}`, undefined, people.manager.token);
      assert.equal(removed.status, 200);
      const outside = await rawSocket(server, people.editor.token);
      outside.send({ a: 'f', c: 'docs', d: docId });
      assert.equal(await outcome(outside, (m) => m.a === 'f', 'f reply'), 'ERR_FORBIDDEN');
      assert.equal(bystander.closed, null, 'a connection using no affected document stays open');
      editor.close();
    });

  it('signing out ends that session everywhere at once; a new password ends every session', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const first = await server.signIn(people.viewer.username, people.viewer.password);
    const second = await server.signIn(people.viewer.username, people.viewer.password);
    const socket = await rawSocket(server, first.token);
    const other = await rawSocket(server, second.token);
    const out = await server.api('DELETE', '/api/session', undefined, first.token);
    assert.equal(out.status, 204);
    assert.equal(await closeCode(socket), 4401, 'the signed-out session\'s socket closes');
    assert.equal(await upgrade(server.wsUrlFor(first.token)), 401, 'the signed-out token opens nothing');
    assert.equal((await server.api('GET', '/api/docs', undefined, first.token)).status, 401);
    assert.equal((await server.api('GET', '/api/docs', undefined, second.token)).status, 200, 'another session goes on');
    assert.equal(other.closed, null);

    const changed = await server.api('PATCH', `/api/users/${people.viewer.username}`, { password: 'a-brand-new-password' });
    assert.equal(changed.status, 200);
    assert.equal(await closeCode(other), 4401, 'a new password closes the open sessions');
    assert.equal((await server.api('GET', '/api/docs', undefined, second.token)).status, 401, 'and ends them');
    await assert.rejects(server.signIn(people.viewer.username, people.viewer.password), /401/);
    const fresh = await server.signIn(people.viewer.username, 'a-brand-new-password');
    assert.equal((await server.api('GET', '/api/docs', undefined, fresh.token)).status, 200);
    people.viewer.token = fresh.token;
    people.viewer.password = 'a-brand-new-password';
  });

  it('a change of admin rights reconnects the person; a disabled account is signed out everywhere and cannot sign in', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    // Made administrator: the connection closes with 4403 (rights changed) and the session goes on.
    const promoted = await rawSocket(server, people.reviewer.token);
    assert.equal((await server.api('PATCH', `/api/users/${people.reviewer.username}`, { admin: true })).status, 200);
    assert.equal(await closeCode(promoted), 4403);
    const asAdmin = await rawSocket(server, people.reviewer.token);
    asAdmin.send({ a: 'op', c: 'docs', d: docId, v: 1, src: asAdmin.hs.id, seq: 1, op: [{ insert: '[promoted]' }] });
    assert.equal(await outcome(asAdmin, (m) => m.a === 'op' && m.seq === 1, 'op reply'), 'ok', 'an administrator may edit');
    assert.equal((await server.api('PATCH', `/api/users/${people.reviewer.username}`, { admin: false })).status, 200);
    assert.equal(await closeCode(asAdmin), 4403);

    const reviewer = await rawSocket(server, people.reviewer.token);
    const disabled = await server.api('PATCH', `/api/users/${people.reviewer.username}`, { disabled: true });
    assert.equal(disabled.status, 200);
    assert.equal(await closeCode(reviewer), 4401);
    assert.equal(await upgrade(server.wsUrlFor(people.reviewer.token)), 401);
    await assert.rejects(server.signIn(people.reviewer.username, people.reviewer.password), /403/);
    const self = await server.api('PATCH', '/api/users/admin', { disabled: true });
    assert.deepEqual([self.status, self.body.error.code], [409, 'ERR_CANNOT_CHANGE_SELF']);
    const unknown = await server.api('PATCH', '/api/users/admin', { role: 'king' });
    assert.deepEqual([unknown.status, unknown.body.error.code], [400, 'ERR_BAD_REQUEST']);
  });
});
