/**
 * Comment threads (issue 7) with the stock ShareDB client: a reviewer anchors a thread to a passage,
 * replies arrive live on the `comments.<docId>` presence channel, the anchor follows its text through
 * concurrent edits and detaches (keeping its quote) when all of it is deleted; roles decide who writes,
 * edits, resolves and reads; clients cannot announce threads themselves.
 *
 * Skipped on E2E_TARGET=ref: the stock ShareDB server has no comments.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  RawSocket, TEST_TIMEOUT_MS, closeAllClients, closeAllRawSockets, connect, createDoc, docText, fetchDoc,
  subscribe, subscribePresence, submitOp, waitFor,
} from './client.mjs';
import { IS_REF, armWatchdog, startServer } from './server.mjs';

armWatchdog(180, 'comments.test.mjs');
const skip = IS_REF ? 'the stock ShareDB server has no comments' : false;

describe('comments', () => {
  let server;
  const people = {};
  const id = `comments-${Date.now()}`;
  before(async () => {
    if (skip) return;
    server = await startServer();
    for (const role of ['reviewer', 'editor', 'viewer', 'outsider']) {
      people[role] = await server.newUser(`${role}-c`, { displayName: `The ${role}` });
    }
    const admin = await connect(server.wsUrl, 'admin');
    await createDoc(admin.doc(id), [{ insert: 'The quick brown fox jumps over the lazy dog\n' }]);
    admin.close();
    for (const role of ['reviewer', 'editor', 'viewer']) {
      assert.equal((await server.api('PUT', `/api/docs/${id}/access/${people[role].username}`, { role })).status, 200);
    }
  }, { timeout: TEST_TIMEOUT_MS });
  after(async () => { closeAllClients(); closeAllRawSockets(); await server?.close(); });

  const api = (method, path, body, who) => server.api(method, `/api/docs/${id}${path}`, body, people[who].token);

  it('a thread is anchored, replied to live, edited by its author, resolved and reopened; roles decide who may',
    { timeout: TEST_TIMEOUT_MS, skip }, async () => {
      // The editor listens on the comment channel, as the web client does.
      const editor = await connect(server.wsUrlFor(people.editor.token), 'editor');
      const channel = editor.conn.getPresence(`comments.${id}`);
      await subscribePresence(channel);

      const created = await api('POST', '/comments', { v: 1, index: 10, length: 9, text: 'Which fox? Say “the red fox”.' }, 'reviewer');
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const thread = created.body;
      assert.equal(thread.quote, 'brown fox');
      assert.deepEqual(thread.ranges, [{ index: 10, length: 9 }]);
      assert.equal(thread.detached, false);
      assert.equal(thread.name, 'The reviewer');
      await waitFor(() => channel.remotePresences[thread.id]?.messages?.length === 1, 'the new thread to arrive live');

      const reply = await api('POST', `/comments/${thread.id}/messages`, { text: 'Agreed, and capitalise it.' }, 'editor');
      assert.equal(reply.status, 200);
      await waitFor(() => channel.remotePresences[thread.id]?.messages?.length === 2, 'the reply to arrive live');

      const [first, second] = reply.body.messages;
      assert.equal((await api('PATCH', `/comments/${thread.id}/messages/${first.id}`, { text: 'Which fox exactly?' }, 'reviewer')).status, 200);
      const notHers = await api('PATCH', `/comments/${thread.id}/messages/${second.id}`, { text: 'hijacked' }, 'reviewer');
      assert.deepEqual([notHers.status, notHers.body.error.code], [403, 'ERR_FORBIDDEN']);
      assert.equal((await api('DELETE', `/comments/${thread.id}/messages/${second.id}`, undefined, 'editor')).status, 200);

      const viewerWrites = await api('POST', '/comments', { v: 1, index: 0, length: 3, text: 'May I?' }, 'viewer');
      assert.deepEqual([viewerWrites.status, viewerWrites.body.error.code], [403, 'ERR_FORBIDDEN']);
      const viewerReplies = await api('POST', `/comments/${thread.id}/messages`, { text: 'And me?' }, 'viewer');
      assert.equal(viewerReplies.status, 403);
      const outsider = await api('GET', '/comments', undefined, 'outsider');
      assert.deepEqual([outsider.status, outsider.body.error.code], [403, 'ERR_FORBIDDEN']);

      assert.equal((await api('POST', `/comments/${thread.id}/resolve`, undefined, 'editor')).status, 200);
      await waitFor(() => channel.remotePresences[thread.id]?.resolved === true, 'the resolution to arrive live');
      const open = await api('GET', '/comments?status=open', undefined, 'viewer');
      assert.deepEqual(open.body.threads.map((t) => t.id), []);
      const resolved = await api('GET', '/comments?status=resolved', undefined, 'viewer');
      assert.deepEqual(resolved.body.threads.map((t) => t.id), [thread.id]);
      const seen = resolved.body.threads[0];
      assert.deepEqual(seen.messages.map((m) => [m.text, m.deleted]), [['Which fox exactly?', false], ['', true]]);
      assert.equal(seen.resolvedBy, people.editor.username);
      assert.equal((await api('POST', `/comments/${thread.id}/reopen`, undefined, 'reviewer')).status, 200);
      const byAuthor = await api('GET', `/comments?author=${people.reviewer.username}&status=open`, undefined, 'editor');
      assert.deepEqual(byAuthor.body.threads.map((t) => t.id), [thread.id]);

      const bad = await api('POST', '/comments', { v: 1, index: 0, length: 0, text: 'empty' }, 'reviewer');
      assert.deepEqual([bad.status, bad.body.error.code], [400, 'ERR_BAD_REQUEST']);
      const noText = await api('POST', `/comments/${thread.id}/messages`, { text: '   ' }, 'reviewer');
      assert.equal(noText.status, 400);
      const nothing = await api('POST', '/comments/no-such-thread/resolve', undefined, 'editor');
      assert.equal(nothing.status, 404);
    });

  it('the anchor follows its text through concurrent edits and detaches, with its quote, when the text is gone',
    { timeout: TEST_TIMEOUT_MS, skip }, async () => {
      const editor = await connect(server.wsUrlFor(people.editor.token), 'editor-2');
      const doc = editor.doc(id);
      await subscribe(doc);
      const before = doc.version;
      const at = docText(doc.data).indexOf('lazy dog');
      // An edit the commenter has not seen lands first: the passage is taken at `before` and moved.
      await submitOp(doc, [{ insert: 'Today: ' }]);
      const created = await api('POST', '/comments', { v: before, index: at, length: 8, text: 'Dogs are not lazy.' }, 'reviewer');
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.quote, 'lazy dog');
      await waitFor(() => doc.version === created.body.v || doc.version > before + 1, 'the anchoring op');
      const where = docText(doc.data).indexOf('lazy dog');
      assert.deepEqual(created.body.ranges, [{ index: where, length: 8 }]);

      // Text typed inside the passage is not part of it; the passage is still all of its original text.
      await submitOp(doc, [{ retain: where + 4 }, { insert: ' old' }]);
      let thread = (await api('GET', '/comments', undefined, 'viewer')).body.threads.find((t) => t.id === created.body.id);
      assert.deepEqual(thread.ranges, [{ index: where, length: 4 }, { index: where + 8, length: 4 }]);
      assert.ok(doc.data.ops.some((op) => op.attributes?.[`comment-${created.body.id}`]), 'the anchor is in the document');

      // All of the passage deleted: the thread stays, detached, with its quote.
      await submitOp(doc, [{ retain: where }, { delete: 12 }]);
      thread = (await api('GET', '/comments', undefined, 'viewer')).body.threads.find((t) => t.id === created.body.id);
      assert.equal(thread.detached, true);
      assert.deepEqual(thread.ranges, []);
      assert.equal(thread.quote, 'lazy dog');
      await fetchDoc(doc);
    });

  it('only the server announces threads, and only readers hear them', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const reviewer = new RawSocket(server.wsUrlFor(people.reviewer.token));
    await reviewer.handshake();
    reviewer.send({ a: 'p', ch: `comments.${id}`, id: 'fake', p: { quote: 'forged' }, pv: 1 });
    assert.equal((await reviewer.next((m) => m.a === 'p', 'p reply')).error?.code, 'ERR_FORBIDDEN');
    const outsider = new RawSocket(server.wsUrlFor(people.outsider.token));
    await outsider.handshake();
    outsider.send({ a: 'ps', ch: `comments.${id}`, seq: 1 });
    assert.equal((await outsider.next((m) => m.a === 'ps', 'ps reply')).error?.code, 'ERR_FORBIDDEN');
  });
});
