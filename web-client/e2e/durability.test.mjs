/**
 * What is acked survives the server going away:
 *  (a) SIGTERM: acked edits, stop, restart on the same port and data dir; a fresh fetch gives the acked
 *      document, and the old Connection, re-bound to a new socket, carries on editing from there.
 *  (b) SIGKILL mid-stream: a client keeps submitting ops, each inserting a unique marker `[k]`, and notes
 *      which were acked; the server is killed at a random moment, then restarted. Every marker acked
 *      before the kill is in the document; after the client reconnects and resends its inflight op (same
 *      src and seq, which the server may already have committed) every marker is there exactly once.
 *
 * Skipped on E2E_TARGET=ref unless E2E_MONGO_URL is set: the stock server keeps documents in memory.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  TEST_TIMEOUT_MS, canonical, checkClientLog, chooseSeed, closeAllClients, connect, createDoc, docText, freshFetch, makeRng,
  randomOp, reportingSeed, sleep, submitOp, subscribe, waitFor, whenNothingPending,
} from './client.mjs';
import { IS_REF, PERSISTENT, armWatchdog, startServer } from './server.mjs';

const seed = chooseSeed();
armWatchdog(170, 'durability.test.mjs');

const skip = PERSISTENT ? false
  : 'E2E_TARGET=ref keeps documents in memory; set E2E_MONGO_URL (e.g. a wire-mongo server) to run this';

describe('durability', () => {
  let server;
  before(async () => { if (!skip) server = await startServer(); }, { timeout: TEST_TIMEOUT_MS });
  after(async () => { closeAllClients(); await server?.close(); });

  it(`acked edits survive SIGTERM and a restart (seed ${seed})`, { timeout: TEST_TIMEOUT_MS, skip },
    (t) => reportingSeed(seed, async () => {
      const rng = makeRng(seed);
      const id = `durable-term-${seed}-${Date.now()}`;
      const c = await connect(server.wsUrl, 'writer');
      const doc = c.doc(id);
      await subscribe(doc);
      await createDoc(doc, [{ insert: 'Pääsuositus\n', attributes: { header: 1 } }]);
      for (let i = 0; i < 10; i++) await submitOp(doc, randomOp(rng, doc.data));
      // A burst without waiting: the client composes and pipelines these.
      for (let i = 0; i < 10; i++) doc.submitOp(randomOp(rng, doc.data));
      await whenNothingPending(doc);
      const acked = { v: doc.version, data: canonical(doc.data) };

      const exit = await server.stop();
      t.diagnostic(`server exit after SIGTERM: code ${exit?.code}, signal ${exit?.signal}`);
      await waitFor(() => !c.connected, 'the client to notice the server is gone');
      await server.restart();

      const fetched = await freshFetch(server.wsUrl, id);
      assert.equal(fetched.version, acked.v, 'version after restart');
      assert.equal(canonical(fetched.data), acked.data, 'document after restart');

      // The same Connection, re-bound, resubscribes at its version and keeps going.
      c.reconnect();
      await c.whenConnected();
      await submitOp(doc, [{ insert: 'Jatko 🙂 ' }]);
      assert.equal(doc.version, acked.v + 1);
      const again = await freshFetch(server.wsUrl, id);
      assert.equal(again.version, doc.version);
      assert.equal(canonical(again.data), canonical(doc.data));
      checkClientLog(t, !IS_REF);
    }));

  it(`acked ops survive SIGKILL mid-stream and resends are not applied twice (seed ${seed})`,
    { timeout: TEST_TIMEOUT_MS, skip }, (t) => reportingSeed(seed, async () => {
      const rng = makeRng(seed ^ 0x5eed);
      const id = `durable-kill-${seed}-${Date.now()}`;
      const c = await connect(server.wsUrl, 'writer');
      const doc = c.doc(id);
      await subscribe(doc);
      await createDoc(doc, [{ insert: 'Log:\n' }]);

      const submitted = [];
      const acked = new Set();
      const submitErrors = [];
      let next = 1;
      const submitMarker = () => {
        const k = next++;
        const text = docText(doc.data);
        // Insert only between markers (or at either end), so markers never nest.
        const spots = [0, text.length - 1];
        for (let i = 1; i < text.length; i++) if (text[i - 1] === ']') spots.push(i);
        const op = [{ retain: rng.pick(spots) }, { insert: `[${k}]`, ...(rng.chance(0.3) ? { attributes: { bold: true } } : {}) }];
        if (op[0].retain === 0) op.shift();
        submitted.push(k);
        doc.submitOp(op, (err) => (err ? submitErrors.push(`[${k}]: ${err.code} ${err.message}`) : acked.add(k)));
      };

      let killed = false;
      const writer = (async () => {
        while (!killed) { submitMarker(); await sleep(rng.range(0, 12)); }
        for (let i = 0; i < 5; i++) { submitMarker(); await sleep(rng.range(0, 20)); } // offline
      })();

      const killAfter = rng.range(5, 60);
      await waitFor(() => acked.size >= killAfter, `${killAfter} acks before the kill`);
      await sleep(rng.int(15));
      await server.kill();
      killed = true;
      const ackedBeforeKill = [...acked];
      await writer;
      await waitFor(() => !c.connected, 'the client to notice the server is gone');
      t.diagnostic(`killed after ${ackedBeforeKill.length} acks of ${submitted.length} submitted markers`);

      await server.restart();
      c.reconnect();
      await c.whenConnected();
      await whenNothingPending(doc, 30_000);

      const fetched = await freshFetch(server.wsUrl, id);
      const counts = new Map();
      for (const m of docText(fetched.data).matchAll(/\[(\d+)\]/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) || 0) + 1);
      const lost = ackedBeforeKill.filter((k) => !counts.has(k));
      const doubled = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
      const missing = submitted.filter((k) => !counts.has(k));
      assert.deepEqual(lost, [], 'markers acked before the kill are missing after the restart');
      assert.deepEqual(doubled, [], 'markers applied more than once (a resent op was not deduplicated)');
      assert.deepEqual(submitErrors, [], 'submit callbacks got errors');
      assert.deepEqual(missing, [], 'markers resent after the restart never made it');
      assert.equal(acked.size, submitted.length, 'every submit acked');
      await waitFor(() => doc.version >= fetched.version, 'the writer to catch up');
      assert.equal(doc.version, fetched.version);
      assert.equal(canonical(doc.data), canonical(fetched.data), 'the writer\'s replica equals a fresh fetch');
      checkClientLog(t, !IS_REF);
    }));
});
