/**
 * Document history through the stock client's snapshot requests (`nf` / `nt`): a document gets a create
 * and ~20 edits, one at a time, and the replica's data is recorded after each ack. Then, from another
 * connection, `fetchSnapshot(v)` must give exactly the recorded document for every v (0 = before the
 * create: no type), `fetchSnapshotByTimestamp(ts)` the version current at ts, and a version past the
 * current one an error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  RICH_TEXT_URI, TEST_TIMEOUT_MS, canonical, checkClientLog, chooseSeed, clone, closeAllClients, connect, createDoc, fetchSnapshot,
  fetchSnapshotByTimestamp, makeRng, randomOp, reportingSeed, sleep, submitOp, subscribe,
} from './client.mjs';
import { IS_REF, armWatchdog, startServer } from './server.mjs';

const EDITS = 20;
const GAP_MS = 40; // between an ack and the next submit, so a timestamp can fall between two versions
const seed = chooseSeed();
armWatchdog(150, 'history.test.mjs');

describe('history', () => {
  let server;
  let reader;
  let id;
  const versions = []; // {v, data, sentAt, ackedAt}

  before(async () => {
    server = await startServer();
    const rng = makeRng(seed);
    id = `history-${seed}-${Date.now()}`;
    const writer = await connect(server.wsUrl, 'writer');
    const doc = writer.doc(id);
    await subscribe(doc);
    let sentAt = Date.now();
    await createDoc(doc, [{ insert: 'Rekommendation för Östersjön\n', attributes: { header: 2 } }]);
    versions.push({ v: doc.version, data: clone(doc.data), sentAt, ackedAt: Date.now() });
    for (let i = 0; i < EDITS; i++) {
      await sleep(GAP_MS);
      sentAt = Date.now();
      await submitOp(doc, randomOp(rng, doc.data));
      versions.push({ v: doc.version, data: clone(doc.data), sentAt, ackedAt: Date.now() });
    }
    writer.close();
    reader = await connect(server.wsUrl, 'reader');
  }, { timeout: TEST_TIMEOUT_MS });
  after(async () => { closeAllClients(); await server?.close(); });

  it(`versions count one per op (seed ${seed})`, { timeout: TEST_TIMEOUT_MS }, () => reportingSeed(seed, async () => {
    assert.deepEqual(versions.map((r) => r.v), Array.from({ length: EDITS + 1 }, (_, i) => i + 1));
  }));

  it(`fetchSnapshot(v) gives the document as it was at v (seed ${seed})`, { timeout: TEST_TIMEOUT_MS },
    () => reportingSeed(seed, async () => {
      for (const recorded of versions) {
        const snapshot = await fetchSnapshot(reader.conn, id, recorded.v);
        assert.equal(snapshot.v, recorded.v);
        assert.equal(snapshot.type, RICH_TEXT_URI, `type at v${recorded.v}`);
        assert.equal(canonical(snapshot.data), canonical(recorded.data), `data at v${recorded.v}`);
      }
      const latest = await fetchSnapshot(reader.conn, id, null);
      assert.equal(latest.v, versions.at(-1).v, 'fetchSnapshot(null) is the latest version');
      assert.equal(canonical(latest.data), canonical(versions.at(-1).data));

      const beforeCreate = await fetchSnapshot(reader.conn, id, 0);
      assert.equal(beforeCreate.v, 0);
      assert.equal(beforeCreate.type, null, 'no type before the create');
      assert.equal(beforeCreate.data, undefined, 'no data before the create');
    }));

  it(`fetchSnapshotByTimestamp(ts) gives the version current at ts (seed ${seed})`, { timeout: TEST_TIMEOUT_MS },
    () => reportingSeed(seed, async () => {
      for (const k of [0, 1, Math.floor(EDITS / 2), EDITS - 1]) {
        // Op k+1 was stamped after its submit; op k before its ack.
        const ts = Math.floor((versions[k].ackedAt + versions[k + 1].sentAt) / 2);
        const snapshot = await fetchSnapshotByTimestamp(reader.conn, id, ts);
        assert.equal(snapshot.v, versions[k].v, `version at ${ts} (between v${versions[k].v}'s ack and the next submit)`);
        assert.equal(canonical(snapshot.data), canonical(versions[k].data), `data at ${ts}`);
      }
      const later = await fetchSnapshotByTimestamp(reader.conn, id, Date.now() + 60_000);
      assert.equal(later.v, versions.at(-1).v, 'a future timestamp gives the latest version');
      const earlier = await fetchSnapshotByTimestamp(reader.conn, id, versions[0].sentAt - 60_000);
      assert.equal(earlier.v, 0, 'a timestamp before the create gives v0');
      assert.equal(earlier.type, null);
    }));

  it(`fetchSnapshot past the current version is an error (seed ${seed})`, { timeout: TEST_TIMEOUT_MS },
    () => reportingSeed(seed, async () => {
      const beyond = versions.at(-1).v + 5;
      const err = await fetchSnapshot(reader.conn, id, beyond).then(
        (snapshot) => assert.fail(`got a snapshot at v${snapshot.v} for v${beyond}`), (e) => e);
      if (!IS_REF) {
        // Ours (protocol.md §2 nf/nt); the stock in-memory server answers {"message":"Missing ops"} without a code.
        assert.equal(err.code, 'ERR_OP_VERSION_NEWER_THAN_CURRENT_SNAPSHOT', `error: ${JSON.stringify(err)}`);
      }
      // The connection is still good afterwards.
      const latest = await fetchSnapshot(reader.conn, id, null);
      assert.equal(latest.v, versions.at(-1).v);
    }));

  it('the stock client logged nothing', { timeout: TEST_TIMEOUT_MS }, (t) => checkClientLog(t, true));
});
