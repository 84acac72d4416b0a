/**
 * A database written by ShareDB with sharedb-mongo (rich-text docs) opens unchanged in our server, and what
 * our server writes there the stock server reads back.
 *
 *  1. A Mongo-wire store (`WireServerMain` from the jar, in memory) and the stock ShareDB server on it
 *     (`bench/reference-server.mjs`: sharedb 7.0.0 + sharedb-mongo 6.0.0), database `compat`.
 *  2. The stock client writes documents in `docs` through the stock server, one op in flight per document:
 *     scripted edits (ä õ š ž ł, emoji and a flag, astral letters, bold, links, headers, embeds, a deleted
 *     emoji, a `null` attribute removal) then random ones: one document with >1,000 ops (past our snapshot
 *     and milestone interval), one with a few hundred, a short one, one created and deleted, one created
 *     empty. Its final state (a fresh fetch through the stock server) and some past versions are recorded.
 *  3. The stock server is stopped (SIGTERM) and ours started on the same database (`--mongo-uri`).
 *     A fresh client fetches every document with the recorded version, type and data; `fetchSnapshot(v)`
 *     gives the recorded past versions; two subscribed clients take turns editing every document (the
 *     deleted one is created again first), each ack continuing the ShareDB versions, and end equal to a
 *     fresh fetch; the new versions are in the history too.
 *  4. Round trip: ours stopped, the stock server started again on the database: it fetches every document
 *     as our server last served it, gives ShareDB's and our past versions, and takes one more edit on each
 *     (sharedb-mongo follows the op chain we extended); then ours, started once more, serves that edit too.
 *
 * The stock client must log nothing while it talks to our server. Jar target only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  Delta, RICH_TEXT_URI, TEST_TIMEOUT_MS, callback, canonical, checkClientLog, chooseSeed, clientLog, clone, closeAllClients,
  connect, createDoc, docText, fetchSnapshot, firstDifference, freshFetch, hasLoneSurrogate, makeRng, randomOp,
  reportingSeed, safeIndex, submitOp, subscribe, waitFor,
} from './client.mjs';
import { IS_REF, armWatchdog, startReferenceServer, startServer, startWireStore } from './server.mjs';

const seed = chooseSeed();
const DATABASE = 'compat';
const skip = IS_REF
  ? 'E2E_TARGET=ref: this file checks our server (the jar) on a database the stock server wrote; '
    + 'with ref there is nothing to compare the stock server with'
  : false;
// Writing ~1,500 ops through the stock server one at a time takes most of the set-up.
const SETUP_TIMEOUT_MS = Math.max(TEST_TIMEOUT_MS, 120_000);
if (!skip) armWatchdog(300, 'sharedb-mongo-compat.test.mjs');

/**
 * Edits every non-empty document gets first, as functions of its data: what the random edits may or may not
 * hit by chance. The create data holds a newline, so there is a line to make a header.
 */
const SCRIPTED = [
  () => [{ insert: 'Pöördumine: ä õ š ž ł 🙂 🇪🇪 👩‍💻 ', attributes: { bold: true } }],
  (data) => new Delta().retain(safeIndex(docText(data), 12)).insert('viide', { link: 'https://example.org/ä?x=1' }).ops,
  (data) => new Delta().retain(docText(data).indexOf('\n')).retain(1, { header: 2 }).ops,
  () => new Delta().retain(3).insert({ image: 'https://example.org/kart.png' }, { width: 120 }).ops,
  (data) => new Delta().retain(docText(data).indexOf('🙂')).delete(2).ops, // a whole surrogate pair
  () => new Delta().retain(6, { bold: null, italic: true }).insert('Łódź ŠŽ e\u0301 𝔘𝔫𝔦 ', { color: '#0a5' }).ops,
  (data) => new Delta().retain(docText(data).length - 1).insert({ formula: 'e^{iπ}' }).ops,
];
const CREATE_DATA = [{ insert: 'Rekommendation för Östersjön\n', attributes: { header: 1 } }];

/** A document's state as the stock client shows it: version, type URI (null: none), data. */
function stateOf(doc) {
  return { v: doc.version, type: doc.type ? doc.type.uri : null, data: doc.type ? clone(doc.data) : undefined };
}

/** Asserts a fetched doc or snapshot (type object or URI) equals a recorded state. */
function assertState(actual, expected, what) {
  const type = actual.type && typeof actual.type === 'object' ? actual.type.uri : (actual.type ?? null);
  assert.equal(actual.v ?? actual.version, expected.v, `${what}: version`);
  assert.equal(type, expected.type, `${what}: type`);
  const data = actual.type ? actual.data : undefined;
  const diff = data === undefined || expected.data === undefined
    ? (data === expected.data ? null : `got ${canonical(data)}, want ${canonical(expected.data)}`)
    : firstDifference(data, expected.data);
  assert.equal(diff, null, `${what}: data differs: ${diff}`);
}

const deleteDoc = (doc) => callback((cb) => doc.del(cb), `delete ${doc.collection}/${doc.id}`);

/** A brand-new connection's fetch of `id` (no cached Doc); the state it got. */
const freshState = async (url, id, name) => stateOf(await freshFetch(url, id, name));

/** A few versions of 1..last to record: the ends, some at random, and 999..1001 when there. */
function versionsToRecord(rng, last, all) {
  if (all) return new Set(Array.from({ length: last + 1 }, (_, v) => v));
  const picks = new Set([0, 1, 2, last - 1, last]);
  for (const v of [999, 1000, 1001]) if (v <= last) picks.add(v);
  for (let i = 0; i < 3; i++) picks.add(rng.range(2, last));
  return picks;
}

describe('a sharedb-mongo database opens unchanged in our server', { skip }, () => {
  let store;
  let reference;
  let ours;
  let referenceLog = [];
  const rng = makeRng(seed);
  // id -> { spec, history: [{v, type, data}] sorted by v, final: {v, type, data} }
  const written = new Map();

  // The documents the stock server writes: random edits after the scripted ones; each has its own PRNG, so
  // running them side by side changes nothing.
  const specs = [
    { key: 'long', edits: 1000 + rng.range(20, 200) },
    { key: 'medium', edits: rng.range(200, 400) },
    { key: 'short', edits: rng.range(5, 20), allVersions: true },
    { key: 'deleted', edits: rng.range(2, 8), del: true },
    { key: 'empty', empty: true, edits: 0 },
  ].map((spec, i) => ({ ...spec, id: `compat-${spec.key}-${seed}`, rngSeed: (seed + 7919 * (i + 1)) >>> 0 }));

  /** Creates and edits one document through the stock server, one op in flight; returns its history. */
  async function writeThroughReference(client, spec) {
    const docRng = makeRng(spec.rngSeed);
    const doc = client.doc(spec.id);
    await subscribe(doc);
    const scripted = spec.empty ? [] : SCRIPTED;
    const last = 1 + scripted.length + spec.edits + (spec.del ? 1 : 0);
    const keep = versionsToRecord(docRng, last, spec.allVersions);
    const history = [{ v: 0, type: null, data: undefined }];
    const step = async (what, submit) => {
      const expected = doc.version + 1;
      await submit();
      assert.equal(doc.version, expected, `${spec.id}: version after ${what}`);
      assert.ok(!hasLoneSurrogate(docText(doc.data)), `${spec.id}: a lone surrogate after ${what}`);
      if (keep.has(doc.version)) history.push(stateOf(doc));
    };
    // Empty: a create without data (the stored create op has no `data`, the snapshot `ops: []`).
    await createDoc(doc, spec.empty ? undefined : CREATE_DATA);
    assert.equal(doc.version, 1, `${spec.id}: version after the create`);
    history.push(stateOf(doc));
    for (const [i, make] of scripted.entries()) await step(`scripted edit ${i}`, () => submitOp(doc, make(doc.data)));
    for (let i = 0; i < spec.edits; i++) await step(`random edit ${i}`, () => submitOp(doc, randomOp(docRng, doc.data)));
    if (spec.del) await step('the delete', () => deleteDoc(doc));
    assert.equal(doc.version, last, `${spec.id}: final version`);
    return history;
  }

  const editsMade = () => [...written.values()].every((entry) => entry.oursFinal);

  /**
   * `fetchSnapshot(v)` through a fresh connection to `url` for every recorded state `pick(entry)` lists
   * (`latest`: also `fetchSnapshot(null)`); what differs or fails, one line each (every document is
   * checked, so one report shows them all).
   */
  async function checkHistory(t, url, pick) {
    const reader = await connect(url, 'history reader');
    const failures = [];
    let checked = 0;
    try {
      for (const entry of written.values()) {
        const seen = new Set();
        for (const recorded of pick(entry)) {
          const versions = [...(seen.has(recorded.v) ? [] : [recorded.v]), ...(recorded.latest ? [null] : [])];
          seen.add(recorded.v);
          for (const version of versions) {
            const what = `${entry.spec.id} at ${version === null ? 'latest' : `v${version}`}`;
            checked++;
            try {
              assertState(await fetchSnapshot(reader.conn, entry.spec.id, version), recorded, what);
            } catch (err) {
              failures.push(err instanceof assert.AssertionError ? [err.message, ''] : [`${err.code ?? ''} ${err.message}`, what]);
            }
          }
        }
      }
    } finally {
      reader.close();
    }
    t.diagnostic(`${checked} snapshots fetched from ${url}, ${failures.length} wrong`);
    return failures;
  }

  /** `[message, where]` pairs as one line per message, naming everywhere it happened. */
  function summary(failures) {
    const byMessage = new Map();
    for (const [message, where] of failures) byMessage.set(message, [...(byMessage.get(message) || []), where]);
    return [...byMessage].map(([message, wheres]) => (wheres.some(Boolean)
      ? `${message} (${wheres.length}×: ${wheres.join(', ')})` : message));
  }

  before(() => reportingSeed(seed, async () => {
    store = await startWireStore();
    reference = await startReferenceServer(store.mongoUrl(DATABASE));

    const writer = await connect(reference.wsUrl, 'writer (stock server)');
    // One op in flight per document; the documents go side by side.
    const histories = await Promise.all(specs.map((spec) => writeThroughReference(writer, spec)));
    writer.close();
    for (const [i, spec] of specs.entries()) {
      const final = await freshState(reference.wsUrl, spec.id, 'reader (stock server)');
      assertState(final, histories[i].at(-1), `${spec.id}: the stock server's fresh fetch vs the writer's replica`);
      written.set(spec.id, { spec, history: histories[i], final });
    }
    referenceLog = clientLog.splice(0);

    const exit = await reference.stop();
    assert.equal(exit?.code, 0, `the stock server's exit after SIGTERM: ${JSON.stringify(exit)}`);
    ours = await startServer({ mongoUri: store.mongoUrl(DATABASE) });
  }), { timeout: SETUP_TIMEOUT_MS });

  after(async () => {
    closeAllClients();
    await ours?.close();
    await reference?.close();
    await store?.close();
  });

  it(`our server fetches every document with ShareDB's version, type and data (seed ${seed})`,
    { timeout: TEST_TIMEOUT_MS }, (t) => reportingSeed(seed, async () => {
      if (referenceLog.length) {
        t.diagnostic(`while writing through the stock server the stock client logged: ${referenceLog[0].slice(0, 300)}`);
      }
      t.diagnostic(specs.map((s) => `${s.key} v${written.get(s.id).final.v}`).join(', '));
      assert.ok(written.get(specs[0].id).final.v > 1000, 'the long document is past version 1000');
      for (const { spec, final } of written.values()) {
        assert.equal(final.type, spec.del ? null : RICH_TEXT_URI, `${spec.id}: the type the stock server reports`);
      }
      for (const { spec, final } of written.values()) {
        assertState(await freshState(ours.wsUrl, spec.id), final, `${spec.id} through our server`);
      }
      // The same through one connection that subscribes (the path an editor takes).
      const reader = await connect(ours.wsUrl, 'subscriber');
      for (const { spec, final } of written.values()) {
        const doc = reader.doc(spec.id);
        await subscribe(doc);
        assertState(doc, final, `${spec.id} subscribed through our server`);
      }
      reader.close();
      checkClientLog(t, true);
    }));

  it(`our server's fetchSnapshot(v) gives ShareDB's past versions (seed ${seed})`, { timeout: TEST_TIMEOUT_MS },
    (t) => reportingSeed(seed, async () => {
      const failures = await checkHistory(t, ours.wsUrl, (entry) => [...entry.history, { ...entry.final, latest: true }]);
      assert.deepEqual(summary(failures), [], 'past versions our server got wrong');
      checkClientLog(t, true);
    }));

  it(`edits through our server continue ShareDB's versions; a second subscriber sees them (seed ${seed})`,
    { timeout: TEST_TIMEOUT_MS }, (t) => reportingSeed(seed, async () => {
      const editRng = makeRng(seed ^ 0x0c0ffee);
      const a = await connect(ours.wsUrl, 'A');
      const b = await connect(ours.wsUrl, 'B');
      for (const entry of written.values()) {
        const { spec, final } = entry;
        const docA = a.doc(spec.id);
        const docB = b.doc(spec.id);
        await subscribe(docA);
        await subscribe(docB);
        assertState(docA, final, `${spec.id}: A subscribed`);
        assertState(docB, final, `${spec.id}: B subscribed`);
        let v = final.v;
        const mine = []; // versions our server made, recorded for the history checks
        const caughtUp = (doc) => waitFor(() => doc.version === v, () => `${doc === docA ? 'A' : 'B'} to reach `
          + `v${v} of ${spec.id} (at v${doc.version})`);
        if (spec.del) {
          await createDoc(docA, [{ insert: 'Uuesti loodud: žürii 🙂 ą\n', attributes: { header: 3 } }]);
          v++;
          assert.equal(docA.version, v, `${spec.id}: version after the create on a deleted document`);
          mine.push(stateOf(docA));
        }
        const edits = editRng.range(8, 20);
        for (let i = 0; i < edits; i++) {
          // The two take turns at random; each edits only once it has the other's last op.
          const writer = editRng.chance(0.5) ? docA : docB;
          await caughtUp(writer);
          await submitOp(writer, randomOp(editRng, writer.data));
          v++;
          assert.equal(writer.version, v, `${spec.id}: version after our edit ${i}`);
          if (i === 0 || i === edits - 1 || editRng.chance(0.2)) mine.push(stateOf(writer));
        }
        await caughtUp(docA);
        await caughtUp(docB);
        assertState(docB, stateOf(docA), `${spec.id}: B vs A`);
        const fetched = await freshState(ours.wsUrl, spec.id);
        assertState(fetched, stateOf(docA), `${spec.id}: a fresh fetch vs A`);
        entry.mine = mine;
        entry.oursFinal = fetched;
      }
      t.diagnostic(specs.map((s) => `${s.key} v${written.get(s.id).final.v}→v${written.get(s.id).oursFinal.v}`).join(', '));
      a.close();
      b.close();
      checkClientLog(t, true);
    }));

  it(`our server's fetchSnapshot(v) gives its own versions after ShareDB's (seed ${seed})`, { timeout: TEST_TIMEOUT_MS },
    (t) => reportingSeed(seed, async () => {
      assert.ok(editsMade(), 'our edits were made (the test before passed)');
      const failures = await checkHistory(t, ours.wsUrl,
        (entry) => [entry.history[1], entry.final, ...entry.mine, { ...entry.oursFinal, latest: true }]);
      assert.deepEqual(summary(failures), [], 'past versions our server got wrong');
      checkClientLog(t, true);
    }));

  it(`round trip: the stock server, started again, fetches what our server wrote (seed ${seed})`,
    { timeout: TEST_TIMEOUT_MS }, (t) => reportingSeed(seed, async () => {
      assert.ok(editsMade(), 'our edits were made (the test before passed)');
      const exit = await ours.stop();
      t.diagnostic(`our server's exit after SIGTERM: code ${exit?.code}, signal ${exit?.signal}`);
      await reference.restart();
      for (const { spec, oursFinal } of written.values()) {
        assertState(await freshState(reference.wsUrl, spec.id, 'reader (stock server)'), oursFinal,
          `${spec.id} through the stock server after our edits`);
      }
      checkClientLog(t, false); // the stock server: reported, not required
    }));

  it(`round trip: the stock server reads our ops (history) and commits on them; ours reads that (seed ${seed})`,
    { timeout: TEST_TIMEOUT_MS }, (t) => reportingSeed(seed, async () => {
      assert.ok(editsMade() && reference.running, 'the stock server runs on our edits (the tests before passed)');
      // sharedb-mongo's history and commits follow the `o` links back from the snapshot's `_o`.
      const failures = await checkHistory(t, reference.wsUrl,
        (entry) => [entry.history[1], entry.final, ...entry.mine, { ...entry.oursFinal, latest: true }]);

      const editRng = makeRng(seed ^ 0xbadcafe);
      const writer = await connect(reference.wsUrl, 'writer (stock server)');
      for (const entry of written.values()) {
        entry.last = entry.oursFinal;
        try {
          const doc = writer.doc(entry.spec.id);
          await subscribe(doc);
          assertState(doc, entry.oursFinal, `${entry.spec.id} subscribed through the stock server`);
          await submitOp(doc, randomOp(editRng, doc.data));
          assert.equal(doc.version, entry.oursFinal.v + 1, `${entry.spec.id}: the stock server's version after our edits`);
          entry.last = stateOf(doc);
        } catch (err) {
          failures.push([`${err.code ?? ''} ${err.message}`, `an edit on ${entry.spec.id}`]);
        }
      }
      writer.close();
      checkClientLog(t, false); // the stock server: reported, not required

      assert.equal((await reference.stop())?.code, 0, 'the stock server exits on SIGTERM');
      await ours.restart();
      for (const { spec, last } of written.values()) {
        assertState(await freshState(ours.wsUrl, spec.id), last, `${spec.id} through our server after the stock server's edit`);
      }
      checkClientLog(t, true);
      assert.deepEqual(summary(failures), [], 'what the stock server could not do on the database our server wrote');
    }));
});
