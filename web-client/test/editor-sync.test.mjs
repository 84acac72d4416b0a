/**
 * The glue between Quill and the stock ShareDB client, against the real client and the stock ShareDB
 * server in this process (memory DB, rich-text, presence on): the text binding (quill-binding.js) and
 * the shared cursors (shared-cursors.js). Quill and quill-cursors are replaced by small fakes, so no
 * DOM is needed. The helpers live in this file because node --test runs every module under test/.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Delta from 'quill-delta';
import richText from 'rich-text';
import ShareDB from 'sharedb';
import { assignColors, colorForName } from '../src/presence/colors.js';
import { shareCursors } from '../src/presence/shared-cursors.js';
import { bindQuillToDoc, editorLengthOf } from '../src/realtime/quill-binding.js';
import { isReadOnlyError } from '../src/realtime/read-only.js';

ShareDB.types.register(richText.type);

// ---- fakes: just enough of Quill and quill-cursors ---------------------------------------------------

/** Contents as a Delta, events with a source, a selection, and typing as the user. */
class FakeQuill {
  constructor() {
    this.contents = new Delta();
    this.selection = null;
    this.listeners = new Map();
    this.calls = []; // [method, source] of every change applied through the API
  }

  on(event, fn) { this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]); }
  off(event, fn) { this.listeners.set(event, (this.listeners.get(event) ?? []).filter((f) => f !== fn)); }
  emit(event, ...args) { for (const fn of this.listeners.get(event) ?? []) fn(...args); }

  get text() { return this.contents.ops.map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join(''); }
  getLength() { return this.contents.length(); }
  getContents(index = 0, length = this.getLength() - index) { return this.contents.slice(index, index + length); }
  getSelection() { return this.selection; }
  setSelection(index, length, source) { this.selection = { index, length }; this.calls.push(['setSelection', source]); }

  setContents(delta, source) {
    const old = this.contents;
    this.contents = new Delta([...(delta?.ops ?? delta)]); // a copy: never touch the doc's own ops
    if (!this.text.endsWith('\n')) this.contents = this.contents.insert('\n'); // Quill always ends with one
    this.calls.push(['setContents', source]);
    this.emit('text-change', old.diff(this.contents), old, source);
  }

  updateContents(delta, source) {
    const change = new Delta(delta?.ops ?? delta);
    const old = this.contents;
    this.contents = old.compose(change);
    this.calls.push(['updateContents', source]);
    this.emit('text-change', change, old, source);
  }

  /** The user types `text` at `index`, the caret ending after it. */
  type(index, text) {
    const change = new Delta().retain(index).insert(text);
    const old = this.contents;
    this.contents = old.compose(change);
    this.selection = { index: index + text.length, length: 0 };
    this.emit('text-change', change, old, 'user');
  }

  /** The user selects a range (click, arrow keys). */
  select(index, length = 0) {
    const old = this.selection;
    this.selection = { index, length };
    this.emit('selection-change', this.selection, old, 'user');
  }
}

/** quill-cursors' API, recording calls. */
class FakeCursors {
  constructor() { this.cursors = new Map(); this.log = []; }
  createCursor(id, name, color) {
    this.log.push(['create', id, name, color]);
    if (!this.cursors.has(id)) this.cursors.set(id, { id, name, color, range: null });
    return this.cursors.get(id);
  }
  moveCursor(id, range) { this.log.push(['move', id, range]); const c = this.cursors.get(id); if (c) c.range = range; }
  removeCursor(id) { this.log.push(['remove', id]); this.cursors.delete(id); }
  clearCursors() { this.log.push(['clear']); this.cursors.clear(); }
  toggleFlag(id, show) { this.log.push(['flag', id, show]); }
}

// ---- the stock ShareDB server and client in this process --------------------------------------------


function startBackend() {
  return new ShareDB({ presence: true, doNotForwardSendPresenceErrorsToClient: true });
}

const callback = (fn) => new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

/** Polls `predicate` every 5 ms; rejects after `ms` naming `what`. */
async function waitFor(predicate, what, ms = 3000) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function createDoc(backend, id, ops) {
  const doc = backend.connect().get('docs', id);
  await callback((cb) => doc.create(ops, 'rich-text', cb));
  return doc;
}

async function serverText(backend, id) {
  const doc = backend.connect().get('docs', id);
  await callback((cb) => doc.fetch(cb));
  return doc.data.ops.map((op) => op.insert).join('');
}

// ---- the text binding ----------------------------------------------------------------------------------

describe('Quill <-> ShareDB binding', () => {
  let backend;
  let doc;
  let quill;
  let events;
  let binding;

  beforeEach(async () => {
    backend = startBackend();
    await createDoc(backend, 'd1', [{ insert: 'Hello\n' }]);
    doc = backend.connect().get('docs', 'd1');
    await callback((cb) => doc.subscribe(cb));
    quill = new FakeQuill();
    events = { refused: [], reloaded: [], deleted: 0, unsentChanges: 0, unsupported: 0 };
    binding = bindQuillToDoc({
      quill,
      doc,
      onRefused: (err) => events.refused.push(err),
      onReloaded: (info) => events.reloaded.push(info),
      onDeleted: () => { events.deleted++; },
      onUnsentChange: () => { events.unsentChanges++; },
      onUnsupportedContent: () => { events.unsupported++; },
    });
  });

  afterEach(() => new Promise((resolve) => { binding.destroy(); backend.close(resolve); }));

  it('loads the document into the editor as an api change', () => {
    assert.equal(quill.text, 'Hello\n');
    assert.deepEqual(quill.calls, [['setContents', 'api']]);
  });

  it('submits what the user types; the server gets it', async () => {
    quill.type(5, ', world');
    assert.ok(events.unsentChanges >= 1);
    await new Promise((resolve) => doc.whenNothingPending(resolve));
    assert.equal(await serverText(backend, 'd1'), 'Hello, world\n');
    assert.equal(binding.unconfirmed, 0);
  });

  it('applies a remote op with source api and does not send it back', async () => {
    const other = backend.connect().get('docs', 'd1');
    await callback((cb) => other.subscribe(cb));
    await callback((cb) => other.submitOp([{ insert: 'Oh, ' }], cb));
    await waitFor(() => quill.text === 'Oh, Hello\n', 'the remote op in the editor');
    assert.deepEqual(quill.calls.at(-1), ['updateContents', 'api']);
    assert.equal(doc.version, 2);
    assert.equal(doc.pendingOps.length + (doc.inflightOp ? 1 : 0), 0, 'nothing was resubmitted');
  });

  it('merges concurrent edits: both sides end with the server\'s text', async () => {
    const other = backend.connect().get('docs', 'd1');
    await callback((cb) => other.subscribe(cb));
    quill.type(5, ' A');
    other.submitOp([{ retain: 5 }, { insert: ' B' }]);
    await new Promise((resolve) => doc.whenNothingPending(resolve));
    await new Promise((resolve) => other.whenNothingPending(resolve));
    const server = await serverText(backend, 'd1');
    await waitFor(() => quill.text === server, `editor "${quill.text}" to equal server "${server}"`);
    assert.equal(server.length, 'Hello A B\n'.length);
  });

  it('on ERR_DOCUMENT_READ_ONLY reports the refusal and puts the server\'s text back', async () => {
    backend.use('submit', (context, next) => next({ code: 'ERR_DOCUMENT_READ_ONLY', message: 'This document is read-only' }));
    quill.type(0, 'Mine: ');
    await waitFor(() => events.refused.length > 0, 'the refusal');
    assert.ok(isReadOnlyError(events.refused[0]), JSON.stringify(events.refused[0]));
    await waitFor(() => quill.text === 'Hello\n', 'the server\'s text back in the editor');
    assert.deepEqual(events.reloaded, [{ lostUnsent: true }]);
    assert.equal(await serverText(backend, 'd1'), 'Hello\n');
  });

  it('reports when the document is deleted', async () => {
    const other = backend.connect().get('docs', 'd1');
    await callback((cb) => other.fetch(cb));
    await callback((cb) => other.del(cb));
    await waitFor(() => events.deleted === 1, 'the delete');
  });

  it('knows how long the editor\'s copy of a document is', () => {
    assert.equal(editorLengthOf({ ops: [] }), 1, 'an empty document still has Quill\'s final newline');
    assert.equal(editorLengthOf({ ops: [{ insert: 'Hi\n' }] }), 3);
    assert.equal(editorLengthOf({ ops: [{ insert: 'Hi' }] }), 3);
    assert.equal(editorLengthOf({ ops: [{ insert: 'a🙂' }, { insert: { image: 'x' } }, { insert: '\n' }] }), 5);
    assert.equal(events.unsupported, 0);
  });

  it('reports content the editor cannot show (its copy would be shorter), for a remote embed', async () => {
    quill.updateContents = function dropEmbeds(delta, source) { // as Quill does for an unregistered embed
      const ops = (delta.ops ?? delta).filter((op) => typeof op.insert !== 'object');
      FakeQuill.prototype.updateContents.call(this, ops, source);
    };
    const other = backend.connect().get('docs', 'd1');
    await callback((cb) => other.fetch(cb));
    await callback((cb) => other.submitOp([{ retain: 5 }, { insert: { video: 'https://example.org/v' } }], cb));
    await waitFor(() => events.unsupported > 0, 'the report');
  });

  it('gives a document without a final newline one before the first edit, so the last line can be formatted', async () => {
    await createDoc(backend, 'bare', [{ insert: 'Title' }]);
    const bare = backend.connect().get('docs', 'bare');
    await callback((cb) => bare.subscribe(cb));
    const editor = new FakeQuill();
    const refused = [];
    const bareBinding = bindQuillToDoc({ quill: editor, doc: bare, onRefused: (err) => refused.push(err) });
    assert.equal(editor.text, 'Title\n');
    // Making that line a heading retains over Quill's final newline.
    const heading = new Delta().retain(5).retain(1, { header: 1 });
    const old = editor.contents;
    editor.contents = old.compose(heading);
    editor.emit('text-change', heading, old, 'user');
    await new Promise((resolve) => bare.whenNothingPending(resolve));
    bareBinding.destroy();
    assert.deepEqual(refused, []);
    const server = backend.connect().get('docs', 'bare');
    await callback((cb) => server.fetch(cb));
    assert.deepEqual(server.data.ops, [{ insert: 'Title' }, { insert: '\n', attributes: { header: 1 } }]);
  });

  it('keeps a second editor of such a document in step when the first gives it its final newline', async () => {
    await createDoc(backend, 'bare2', [{ insert: 'Title' }]);
    const [first, second] = [backend.connect().get('docs', 'bare2'), backend.connect().get('docs', 'bare2')];
    await callback((cb) => first.subscribe(cb));
    await callback((cb) => second.subscribe(cb));
    const [editorA, editorB] = [new FakeQuill(), new FakeQuill()];
    const unsupported = [];
    const bindings = [bindQuillToDoc({ quill: editorA, doc: first }),
      bindQuillToDoc({ quill: editorB, doc: second, onUnsupportedContent: () => unsupported.push('B') })];
    const heading = new Delta().retain(5).retain(1, { header: 1 });
    const old = editorA.contents;
    editorA.contents = old.compose(heading);
    editorA.emit('text-change', heading, old, 'user');
    editorA.type(0, 'The ');
    await new Promise((resolve) => first.whenNothingPending(resolve));
    await waitFor(() => editorB.text === 'The Title\n', () => `B to show "The Title", not ${JSON.stringify(editorB.text)}`);
    assert.deepEqual(editorB.contents.ops, [{ insert: 'The Title' }, { insert: '\n', attributes: { header: 1 } }]);
    assert.deepEqual(editorB.contents.ops, second.data.ops);
    assert.deepEqual(unsupported, []);
    bindings.forEach((b) => b.destroy());
  });

  it('stops both directions once destroyed', async () => {
    binding.destroy();
    quill.type(0, 'local ');
    const other = backend.connect().get('docs', 'd1');
    await callback((cb) => other.fetch(cb));
    await callback((cb) => other.submitOp([{ insert: 'remote ' }], cb));
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(quill.text, 'local Hello\n');
    assert.equal(await serverText(backend, 'd1'), 'remote Hello\n');
  });
});

// ---- suggesting through the binding --------------------------------------------------------------------

describe('Quill <-> ShareDB binding, suggesting', () => {
  const RITA = { username: 'rita', name: 'Rita' };
  const NOW = 1_764_300_000_000;
  const mark = (id, person = RITA) => ({ id, author: person.username, name: person.name, at: NOW });
  let backend;
  let doc;
  let quill;
  let binding;
  let suggesting;
  let forward;
  let refusedFormatting;

  beforeEach(async () => {
    backend = startBackend();
    await createDoc(backend, 'd1', [{ insert: 'Hello world\n' }]);
    doc = backend.connect().get('docs', 'd1');
    await callback((cb) => doc.subscribe(cb));
    quill = new FakeQuill();
    suggesting = true;
    forward = false;
    refusedFormatting = 0;
    let ids = 0;
    binding = bindQuillToDoc({
      quill,
      doc,
      author: () => RITA,
      suggesting: () => suggesting,
      deletesForward: () => forward,
      onFormattingRefused: () => { refusedFormatting++; },
      newSuggestionId: () => `s${++ids}`,
      now: () => NOW,
    });
  });

  afterEach(() => new Promise((resolve) => { binding.destroy(); backend.close(resolve); }));

  /** The user deletes `length` characters at `index` (Backspace leaves the caret at `index` too). */
  function userDeletes(index, length) {
    const change = new Delta().retain(index).delete(length);
    const old = quill.contents;
    quill.contents = old.compose(change);
    quill.selection = { index, length: 0 };
    quill.emit('text-change', change, old, 'user');
  }

  async function serverOps() {
    await new Promise((resolve) => doc.whenNothingPending(resolve));
    const server = backend.connect().get('docs', 'd1');
    await callback((cb) => server.fetch(cb));
    return server.data.ops;
  }

  it('sends typed text as a suggestion, and the editor shows exactly that', async () => {
    quill.type(5, ',');
    const expected = [{ insert: 'Hello' }, { insert: ',', attributes: { suggestInsert: mark('s1') } }, { insert: ' world\n' }];
    assert.deepEqual(quill.contents.ops, expected);
    assert.deepEqual(quill.calls.at(-2), ['updateContents', 'user'], 'the correction joins the user\'s undo step');
    assert.deepEqual(quill.selection, { index: 6, length: 0 }, 'the caret after the typed text');
    assert.deepEqual(await serverOps(), expected);
    assert.equal(doc.version, 2, 'one op: the correction was not sent again');
  });

  it('keeps a deleted word, marked, with the caret before it for Backspace and after it for Delete', async () => {
    userDeletes(6, 5);
    const marked = [{ insert: 'Hello ' }, { insert: 'world', attributes: { suggestDelete: mark('s1') } }, { insert: '\n' }];
    assert.deepEqual(quill.contents.ops, marked);
    assert.deepEqual(quill.selection, { index: 6, length: 0 });
    forward = true;
    userDeletes(0, 1);
    assert.deepEqual(quill.selection, { index: 1, length: 0 }, 'after the marked "H"');
    await new Promise((resolve) => setTimeout(resolve, 0)); // the caret is placed again after Quill's handlers
    assert.deepEqual(quill.selection, { index: 1, length: 0 });
    assert.deepEqual(await serverOps(), [{ insert: 'H', attributes: { suggestDelete: mark('s2') } }, { insert: 'ello ' },
      { insert: 'world', attributes: { suggestDelete: mark('s1') } }, { insert: '\n' }]);
  });

  it('really deletes the user\'s own suggestion', async () => {
    quill.type(5, '!!');
    userDeletes(6, 1);
    assert.equal(quill.text, 'Hello! world\n');
    assert.deepEqual(await serverOps(), [{ insert: 'Hello' }, { insert: '!', attributes: { suggestInsert: mark('s1') } }, { insert: ' world\n' }]);
  });

  it('undoes formatting while suggesting, and says so', async () => {
    const bold = new Delta().retain(5, { bold: true });
    const old = quill.contents;
    quill.contents = old.compose(bold);
    quill.emit('text-change', bold, old, 'user');
    assert.equal(refusedFormatting, 1);
    assert.deepEqual(quill.contents.ops, [{ insert: 'Hello world\n' }]);
    assert.deepEqual(await serverOps(), [{ insert: 'Hello world\n' }]);
    assert.equal(doc.version, 1, 'nothing sent');
  });

  it('edits directly when not suggesting, dropping someone else\'s mark from the typed text', async () => {
    suggesting = false;
    const other = backend.connect().get('docs', 'd1');
    await callback((cb) => other.fetch(cb));
    const bens = { suggestInsert: mark('b1', { username: 'ben', name: 'Ben' }) };
    await callback((cb) => other.submitOp([{ retain: 5 }, { insert: ' big', attributes: bens }], cb));
    await waitFor(() => quill.text === 'Hello big world\n', 'Ben\'s suggestion in the editor');
    // Typing at the end of Ben's suggestion: the editor gives the text Ben's mark.
    const change = new Delta().retain(9).insert('ger', bens);
    const old = quill.contents;
    quill.contents = old.compose(change);
    quill.emit('text-change', change, old, 'user');
    const expected = [{ insert: 'Hello' }, { insert: ' big', attributes: bens }, { insert: 'ger world\n' }];
    assert.deepEqual(quill.contents.ops, expected);
    assert.deepEqual(await serverOps(), expected);
  });
});

// ---- shared cursors ------------------------------------------------------------------------------------

describe('shared cursors (doc presence)', () => {
  let backend;
  let shared;
  let quill;
  let cursors;
  let people;
  let peer; // another client: its presence and what it received from us
  let connection;
  let doc;

  const AINO = { name: 'Aino', color: colorForName('Aino') };

  beforeEach(async () => {
    backend = startBackend();
    await createDoc(backend, 'd1', [{ insert: 'Hello world\n' }]);
    connection = backend.connect();
    doc = connection.get('docs', 'd1');
    await callback((cb) => doc.subscribe(cb));
    quill = new FakeQuill();
    quill.setContents(doc.data, 'api');

    const peerConnection = backend.connect();
    const peerDoc = peerConnection.get('docs', 'd1');
    await callback((cb) => peerDoc.subscribe(cb));
    const presence = peerConnection.getDocPresence('docs', 'd1');
    peer = { connection: peerConnection, doc: peerDoc, presence, received: new Map() };
    presence.on('receive', (id, value) => peer.received.set(id, value));
    await callback((cb) => presence.subscribe(cb));

    cursors = new FakeCursors();
    people = [];
    shared = shareCursors({
      connection, doc, quill, cursors, getUser: () => AINO, onPeople: (list) => people.push(list), heartbeatMs: 40,
    });
  });

  afterEach(() => new Promise((resolve) => { shared.destroy(); backend.close(resolve); }));

  const peerSees = () => [...peer.received.values()].find(Boolean);

  it('announces us at once, at the start, before the editor has focus', async () => {
    await waitFor(() => peerSees(), 'our presence at the peer');
    assert.deepEqual(peerSees(), { index: 0, length: 0, name: 'Aino', color: AINO.color });
    assert.deepEqual(people[0], [{ name: 'Aino', color: AINO.color, isMe: true }]);
  });

  it('sends the user\'s selection moves, and keeps the last one when focus leaves', async () => {
    quill.select(6, 5);
    await waitFor(() => peerSees()?.index === 6, 'the selection at the peer');
    assert.equal(peerSees().length, 5);
    quill.selection = null; // blur
    peer.received.clear();
    await waitFor(() => peerSees(), 'a heartbeat');
    assert.deepEqual(peerSees(), { index: 6, length: 5, name: 'Aino', color: AINO.color });
  });

  it('shows another user\'s cursor with their name and colour, and lists them', async () => {
    const local = peer.presence.create('ben-1');
    await callback((cb) => local.submit({ index: 6, length: 0, name: 'Ben', color: '#26a269' }, cb));
    await waitFor(() => cursors.cursors.has('ben-1'), 'Ben\'s cursor');
    // Ben's colour is the one this screen gives him next to Aino, not the one he sent.
    const benColor = assignColors(['Aino', 'Ben']).get('Ben');
    assert.deepEqual(cursors.cursors.get('ben-1'), { id: 'ben-1', name: 'Ben', color: benColor, range: { index: 6, length: 0 } });
    assert.deepEqual(people.at(-1).map((p) => p.name), ['Aino', 'Ben']);
    assert.ok(cursors.log.some(([what, id, show]) => what === 'flag' && id === 'ben-1' && show), 'the name flag shows on a move');

    await callback((cb) => local.submit(null, cb));
    await waitFor(() => !cursors.cursors.has('ben-1'), 'Ben\'s cursor to go');
    assert.deepEqual(people.at(-1).map((p) => p.name), ['Aino']);
  });

  it('ignores what the client reports about the others while we are offline', async () => {
    const local = peer.presence.create('ben-3');
    await callback((cb) => local.submit({ index: 1, length: 0, name: 'Ben', color: '#26a269' }, cb));
    await waitFor(() => cursors.cursors.has('ben-3'), 'Ben\'s cursor');
    connection.close();
    assert.ok(!cursors.cursors.has('ben-3'), 'forgotten when the connection went');
    // An edit made now: the stock client moves its stale copy of Ben through it and reports him.
    doc.submitOp([{ insert: 'offline ' }]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.ok(!cursors.cursors.has('ben-3'), 'not back before we are');
    assert.deepEqual(people.at(-1).map((p) => p.name), ['Aino']);
  });

  it('forgets the others when the peer disconnects', async () => {
    const local = peer.presence.create('ben-2');
    await callback((cb) => local.submit({ index: 1, length: 0, name: 'Ben', color: '#26a269' }, cb));
    await waitFor(() => cursors.cursors.has('ben-2'), 'Ben\'s cursor');
    peer.connection.close();
    await waitFor(() => !cursors.cursors.has('ben-2'), 'Ben\'s cursor to go after the disconnect');
  });

  it('re-announces on demand with the new name', async () => {
    await waitFor(() => peerSees(), 'our presence');
    AINO.name = 'Aino V.';
    shared.announce();
    await waitFor(() => peerSees()?.name === 'Aino V.', 'the new name');
    AINO.name = 'Aino';
  });
});
