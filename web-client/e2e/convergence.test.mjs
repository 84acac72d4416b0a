/**
 * Four stock ShareDB clients edit one rich-text document at random for ~15 s (E2E_CONVERGENCE_SECS):
 * inserts of Baltic/Nordic text, emoji and embeds, with and without attributes; deletes; formatting with
 * `null` removals. Every client loses its socket now and then (a clean close or a reset), keeps editing
 * offline, and re-binds a new socket to the same Connection. At the end every replica must equal, data and
 * version, what a brand-new client fetches, and no submit callback may have got an error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  TEST_TIMEOUT_MS, checkClientLog, chooseSeed, closeAllClients, connect, createDoc, docText, fetchDoc, fetchSnapshot,
  firstDifference,
  hasLoneSurrogate, makeRng, randomOp, reportingSeed, sleep, subscribe, waitFor, whenNothingPending,
} from './client.mjs';
import { IS_REF, armWatchdog, startServer } from './server.mjs';

const CLIENTS = 4;
const SECONDS = Number(process.env.E2E_CONVERGENCE_SECS || 15);
const seed = chooseSeed();

armWatchdog(SECONDS + 150, 'convergence.test.mjs');

describe('convergence', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { closeAllClients(); await server?.close(); });

  it(`${CLIENTS} clients with random edits and disconnects converge (seed ${seed})`,
    { timeout: Math.max(TEST_TIMEOUT_MS, (SECONDS + 75) * 1000) }, (t) => reportingSeed(seed, async () => {
      const rng = makeRng(seed);
      const id = `convergence-${seed}-${Date.now()}`;

      // Everyone subscribes before the document exists, so the create reaches three of them as a broadcast.
      const clients = [];
      for (let i = 0; i < CLIENTS; i++) {
        const c = await connect(server.wsUrl, `client ${i}`);
        c.d = c.doc(id);
        await subscribe(c.d);
        clients.push(c);
      }
      await createDoc(clients[0].d, [{ insert: 'Suositus: Itämeren yhteistyö 🌊\n', attributes: { header: 1 } }]);
      await waitFor(() => clients.every((c) => c.d.type), 'every client to see the created document');

      let submitted = 0;
      let acked = 0;
      const submitErrors = [];
      const submit = (c) => {
        const op = randomOp(rng, c.d.data);
        submitted++;
        c.d.submitOp(op, (err) => {
          if (err) submitErrors.push(`${c.name}: ${err.code} ${err.message}`);
          else acked++;
        });
      };

      let drops = 0;
      const deadline = Date.now() + SECONDS * 1000;
      await Promise.all(clients.map(async (c) => {
        // Each client drops at least once, first somewhere in the first two thirds of the run.
        let nextDrop = Date.now() + rng.range(500, (SECONDS * 1000 * 2) / 3);
        while (Date.now() < deadline) {
          if (Date.now() >= nextDrop) {
            c.drop(rng.chance(0.5));
            drops++;
            const offlineUntil = Date.now() + rng.range(100, 900);
            while (Date.now() < offlineUntil) { // editing on, offline
              submit(c);
              await sleep(rng.range(5, 60));
            }
            c.reconnect();
            nextDrop = Date.now() + rng.range(1000, 5000);
          } else if (c.connected) {
            submit(c);
          }
          await sleep(rng.range(0, 40));
        }
      }));

      // Let every client catch up: its own ops acked, then every remote op received.
      for (const c of clients) {
        await c.whenConnected(15_000);
        await whenNothingPending(c.d, 30_000);
      }
      const fresh = await connect(server.wsUrl, 'fresh client');
      const f = fresh.doc(id);
      await fetchDoc(f);
      await waitFor(() => clients.every((c) => c.d.version >= f.version),
        () => `every replica to reach v${f.version}: ${clients.map((c) => c.d.version).join(', ')}`, 15_000);

      const summary = `submitted ${submitted}, acked ${acked}, drops ${drops}, server v${f.version}`;
      assert.deepEqual(submitErrors, [], `submit callbacks got errors (${summary})`);
      assert.ok(submitted > 100, `too few edits to mean anything (${summary})`);
      assert.ok(drops >= CLIENTS, `every client should have dropped its socket at least once (${summary})`);
      assert.equal(acked, submitted, `every submit callback must be called once, without error (${summary})`);
      assert.equal(f.type?.name, 'rich-text');
      assert.equal(hasLoneSurrogate(docText(f.data)), false, 'the document holds a lone surrogate');
      t.diagnostic(summary);
      const rebuilt = await fetchSnapshot(fresh.conn, id, f.version); // the latest version replayed from the ops
      const same = (x, y) => (firstDifference(x, y) === null ? 'same' : 'different');
      const report = `${summary}; ${clients.map((c) => `${c.name} v${c.d.version}: vs fetch ${same(c.d.data, f.data)}, `
        + `vs client 0 ${same(c.d.data, clients[0].d.data)}, vs ops ${same(c.d.data, rebuilt.data)}`).join('; ')}`;
      for (const c of clients) assert.equal(c.d.version, f.version, `${c.name} version (${report})`);
      for (const c of clients.slice(1)) {
        const diff = firstDifference(c.d.data, clients[0].d.data);
        assert.ok(diff === null, `replicas diverged: ${c.name} vs client 0 (${report}): ${diff}`);
      }
      const replay = firstDifference(clients[0].d.data, rebuilt.data);
      assert.ok(replay === null, `the replicas differ from the ops replayed (fetchSnapshot v${f.version}) (${report}): ${replay}`);
      const stored = firstDifference(f.data, clients[0].d.data);
      assert.ok(stored === null, `a fresh fetch differs from the replicas, which agree with the op log: `
        + `the stored snapshot drifted from the ops (${report}): ${stored}`);
      for (const c of [...clients, fresh]) assert.deepEqual(c.errors.map(String), [], `${c.name} connection errors`);
      // Ours acks a resent duplicate after the ops the client is missing, so the client never has to refetch.
      checkClientLog(t, !IS_REF);
    }));
});
