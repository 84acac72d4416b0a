/**
 * The document list over HTTP (`/api/docs`), checked with the stock ShareDB client on the same server:
 * creating a document makes one the client can open; titles are kept and renamed; the list shows each
 * document's version and last change (from the live owner while it is open), who is in it (the names in
 * their presence, gone when they leave), and survives a restart; bad requests get clear JSON errors.
 *
 * Skipped on E2E_TARGET=ref: the stock server has no such API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  TEST_TIMEOUT_MS, closeAllClients, connect, createDoc, docText, freshFetch, sleep, submitOp, submitPresence, subscribe,
  subscribePresence,
} from './client.mjs';
import { IS_REF, armWatchdog, startServer } from './server.mjs';

armWatchdog(120, 'catalog.test.mjs');
const skip = IS_REF ? 'the stock ShareDB server has no document list API' : false;

/** A call as the signed-in administrator (`raw`: a body sent as it is). */
async function api(server, method, path, body, raw) {
  const headers = { authorization: `Bearer ${server.adminToken}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method,
    headers,
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.json() };
}

describe('document list API', () => {
  let server;
  before(async () => { if (!skip) server = await startServer(); }, { timeout: TEST_TIMEOUT_MS });
  after(async () => { closeAllClients(); await server?.close(); });

  it('creates, lists and renames documents the stock client can open', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const created = await api(server, 'POST', '/api/docs', { title: '  Ühine soovitus: Itämeri 🇪🇺  ' });
    assert.equal(created.status, 201);
    assert.equal(created.body.title, 'Ühine soovitus: Itämeri 🇪🇺', 'the title is trimmed');
    assert.match(created.body.id, /^[a-z2-9]{12}$/);
    assert.equal(created.body.version, 1);
    assert.deepEqual(created.body.online, []);

    const doc = await freshFetch(server.wsUrl, created.body.id);
    assert.equal(doc.type.uri, 'http://sharejs.org/types/rich-text/v1');
    assert.equal(docText(doc.data), '\n');

    const listed = await api(server, 'GET', '/api/docs');
    assert.equal(listed.status, 200);
    assert.equal(listed.body.docs[0].id, created.body.id, 'the newest document comes first');

    const renamed = await api(server, 'PATCH', `/api/docs/${created.body.id}`, { title: 'Final recommendations' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.title, 'Final recommendations');
    const one = await api(server, 'GET', `/api/docs/${created.body.id}`);
    assert.equal(one.body.title, 'Final recommendations');
    assert.equal(one.body.readOnly, false);
  });

  it('shows versions, last changes and who is in a document, live', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const { body: entry } = await api(server, 'POST', '/api/docs', { title: 'Presence' });
    // The names shown are the accounts' display names (the server sets them in each presence).
    const people = [await server.newUser('aino', { displayName: 'Aino' }), await server.newUser('janis', { displayName: 'Jānis' })];
    for (const person of people) {
      assert.equal((await api(server, 'PUT', `/api/docs/${entry.id}/access/${person.username}`, { role: 'editor' })).status, 200);
    }
    const aino = await connect(server.wsUrlFor(people[0].token), 'Aino');
    const janis = await connect(server.wsUrlFor(people[1].token), 'Jānis');
    const docA = aino.doc(entry.id);
    const docJ = janis.doc(entry.id);
    await subscribe(docA);
    await subscribe(docJ);
    const presenceA = aino.conn.getDocPresence('docs', entry.id);
    const presenceJ = janis.conn.getDocPresence('docs', entry.id);
    await subscribePresence(presenceA);
    await subscribePresence(presenceJ);
    await submitPresence(presenceA.create('aino-1'), { index: 0, length: 0, name: 'Aino', color: '#a04' });
    await submitPresence(presenceJ.create('janis-1'), { index: 0, length: 0, name: 'claims to be someone else', color: '#06a' });

    const before = Date.now();
    for (const text of ['Ensimmäinen ', 'otsikko ', 'ja teksti']) await submitOp(docA, [{ insert: text }]);
    const online = async () => (await api(server, 'GET', `/api/docs/${entry.id}`)).body;
    const seen = await online();
    assert.deepEqual(seen.online.map((p) => p.name), ['Aino', 'Jānis']);
    assert.equal(seen.version, 4);
    assert.ok(seen.updatedAt >= before - 1000, `updatedAt ${seen.updatedAt} is the last edit's time`);
    const inList = (await api(server, 'GET', '/api/docs')).body.docs.find((d) => d.id === entry.id);
    assert.deepEqual(inList.online.map((p) => p.name), ['Aino', 'Jānis']);
    assert.equal(inList.version, 4);

    janis.close(); // the server withdraws a closed connection's presence
    let last = await online();
    for (const deadline = Date.now() + 10_000; last.online.length !== 1 && Date.now() < deadline;) {
      await sleep(50);
      last = await online();
    }
    assert.deepEqual(last.online.map((p) => p.name), ['Aino'], 'Jānis left within 10 s');
    aino.close();
  });

  it('lists a document a client created without the API, untitled', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const client = await connect(server.wsUrl, 'creator');
    const id = `no-title-${Date.now()}`;
    const doc = client.doc(id);
    await subscribe(doc);
    await createDoc(doc, [{ insert: 'Plain\n' }]);
    const entry = (await api(server, 'GET', '/api/docs')).body.docs.find((d) => d.id === id);
    assert.ok(entry, 'the document is in the list');
    assert.equal(entry.title, '');
    client.close();
  });

  it('keeps titles and versions across a restart', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const { body: entry } = await api(server, 'POST', '/api/docs', { title: 'Durable title' });
    const client = await connect(server.wsUrl, 'writer');
    const doc = client.doc(entry.id);
    await subscribe(doc);
    await submitOp(doc, [{ insert: 'kept' }]);
    client.close();
    await server.restart();
    const after = (await api(server, 'GET', '/api/docs')).body.docs.find((d) => d.id === entry.id);
    assert.equal(after?.title, 'Durable title');
    assert.equal(after?.version, 2);
  });

  it('answers bad requests with clear errors and changes nothing', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const count = (await api(server, 'GET', '/api/docs?limit=500')).body.docs.length;
    const cases = [
      ['POST', '/api/docs', { title: '' }, undefined, 400, 'ERR_BAD_REQUEST'],
      ['POST', '/api/docs', { title: 'x'.repeat(201) }, undefined, 400, 'ERR_BAD_REQUEST'],
      ['POST', '/api/docs', { title: 'line\nbreak' }, undefined, 400, 'ERR_BAD_REQUEST'],
      ['POST', '/api/docs', { name: 'no title' }, undefined, 400, 'ERR_BAD_REQUEST'],
      ['POST', '/api/docs', undefined, '{not json', 400, 'ERR_BAD_REQUEST'],
      ['POST', '/api/docs', undefined, JSON.stringify({ title: 'y'.repeat(20_000) }), 413, 'ERR_MESSAGE_TOO_LARGE'],
      ['PATCH', '/api/docs/missing-doc', { title: 'x' }, undefined, 404, 'ERR_DOC_DOES_NOT_EXIST'],
      ['GET', '/api/docs/missing-doc', undefined, undefined, 404, 'ERR_DOC_DOES_NOT_EXIST'],
      ['GET', '/api/docs?limit=0', undefined, undefined, 400, 'ERR_BAD_REQUEST'],
      ['GET', '/api/docs?limit=many', undefined, undefined, 400, 'ERR_BAD_REQUEST'],
      ['DELETE', '/api/docs', undefined, undefined, 404, 'ERR_NOT_FOUND'],
    ];
    for (const [method, path, body, raw, status, code] of cases) {
      const answer = await api(server, method, path, body, raw);
      assert.equal(answer.status, status, `${method} ${path} ${raw ?? JSON.stringify(body)}`);
      assert.equal(answer.body.error?.code, code, `${method} ${path}`);
      assert.ok(answer.body.error.message.length > 5);
    }
    assert.equal((await api(server, 'GET', '/api/docs?limit=500')).body.docs.length, count, 'nothing was created');
  });
});
