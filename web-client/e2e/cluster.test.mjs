/**
 * Three cluster nodes (separate JVMs, `--cluster` on loopback) sharing one Mongo-wire store:
 *  (a) stock clients spread over the three nodes edit one document at once, with presence: every replica
 *      and a fresh fetch from every node end identical, and presence crosses nodes;
 *  (b) the document's owner node is killed with SIGKILL while six writers (two per node) keep submitting
 *      markers; the writers of the dead node reconnect to a survivor and resend. Every marker acked before
 *      the kill is in the document once, every marker submitted is there exactly once in the end, editing
 *      resumes through the survivors within 10 s, and a survivor logs that the document moved to it.
 *
 * Which node owns a document is computed the way the server does (cluster-owner.mjs); the takeover log
 * line checks that the node killed was the owner.
 *
 * Skipped on E2E_TARGET=ref: the stock server has no cluster mode.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  TEST_TIMEOUT_MS, canonical, checkClientLog, chooseSeed, closeAllClients, connect, createDoc, docText, freshFetch,
  makeRng, randomOp, reportingSeed, sleep, submitPresence, subscribe, subscribePresence, waitFor, whenNothingPending,
} from './client.mjs';
import { ownerOf } from './cluster-owner.mjs';
import { IS_REF, armWatchdog, startCluster, startWireStore } from './server.mjs';

const seed = chooseSeed();
armWatchdog(240, 'cluster.test.mjs');
const skip = IS_REF ? 'the stock ShareDB server has no cluster mode' : false;

describe('cluster of three nodes', () => {
  let store;
  let nodes = [];
  const nodeIds = new Map(); // node -> its cluster node id
  before(async () => {
    if (skip) return;
    store = await startWireStore();
    nodes = await startCluster({ mongoUri: store.mongoUrl(`cluster_${seed}`), count: 3 });
    for (const node of nodes) nodeIds.set(node, (await node.clusterHealth()).cluster.self);
  }, { timeout: TEST_TIMEOUT_MS });
  after(async () => {
    closeAllClients();
    await Promise.all(nodes.map((node) => node.close()));
    await store?.close();
  });

  it(`clients on three nodes edit one document and converge, presence included (seed ${seed})`,
    { timeout: TEST_TIMEOUT_MS, skip }, (t) => reportingSeed(seed, async () => {
      const rng = makeRng(seed);
      const id = `cluster-converge-${seed}`;
      const clients = [];
      // Editor 0 is Aino, whose name the others see beside her cursor (an administrator: every document is hers).
      const aino = await nodes[0].newUser(`aino-${seed}`, { displayName: 'Aino', admin: true });
      for (let i = 0; i < 6; i++) {
        const url = i === 0 ? nodes[0].wsUrlFor(aino.token) : nodes[i % 3].wsUrl;
        clients.push(await connect(url, `editor ${i} on ${nodes[i % 3].target}`));
      }
      const docs = clients.map((c) => c.doc(id));
      await subscribe(docs[0]);
      await createDoc(docs[0], [{ insert: 'Ühine soovitus 🇪🇺\n', attributes: { header: 1 } }]);
      for (const doc of docs.slice(1)) await subscribe(doc);

      // Presence: a cursor set on node 1 shows on nodes 2 and 3.
      const presences = docs.map((doc) => doc.connection.getDocPresence('docs', id));
      for (const presence of presences) await subscribePresence(presence);
      const cursor = presences[0].create('cursor-0');
      await submitPresence(cursor, { index: 3, length: 2, name: 'Aino' });
      for (const i of [1, 2]) {
        await waitFor(() => presences[i].remotePresences['cursor-0'], `editor ${i} (${nodes[i].target}) to see editor 0's cursor`);
      }
      // A latecomer on node 3 asks everyone for their presence (a `pr` across nodes) and gets the cursor.
      const late = await connect(nodes[2].wsUrl, `latecomer on ${nodes[2].target}`);
      clients.push(late);
      await subscribe(late.doc(id)); // the stock client shows a document's presence once it has the document
      const latePresence = late.conn.getDocPresence('docs', id);
      await subscribePresence(latePresence);
      await waitFor(() => latePresence.remotePresences['cursor-0'], 'the latecomer to get editor 0\'s cursor');

      // Every node's metrics count the three serving nodes.
      for (const node of nodes) {
        const metrics = await (await fetch(`${node.baseUrl}/metrics`)).text();
        assert.match(metrics, /^collab_cluster_members 3(\.0)?$/m, `${node.target}'s collab_cluster_members`);
      }

      // Every node's document list knows who is in the document, whichever node owns it.
      for (const node of nodes) {
        const listed = (await node.api('GET', '/api/docs')).body;
        const entry = listed.docs.find((d) => d.id === id);
        assert.deepEqual(entry?.online?.map((p) => p.name), ['Aino'], `${node.target}'s list: ${JSON.stringify(entry)}`);
      }

      // Everyone edits at once, in bursts, without waiting for acks.
      for (let round = 0; round < 25; round++) {
        for (const doc of docs) if (rng.chance(0.8)) doc.submitOp(randomOp(rng, doc.data));
        await sleep(rng.range(0, 15));
      }
      await Promise.all(docs.map((doc) => whenNothingPending(doc, 30_000)));
      const version = Math.max(...docs.map((doc) => doc.version));
      await waitFor(() => docs.every((doc) => doc.version === version), () => `every replica at version ${version}: ${docs.map((d) => d.version)}`);
      const expected = canonical(docs[0].data);
      docs.forEach((doc, i) => assert.equal(canonical(doc.data), expected, `editor ${i}'s replica differs`));
      for (const node of nodes) {
        const fetched = await freshFetch(node.wsUrl, id, `fresh client on ${node.target}`);
        assert.equal(fetched.version, version, `version fetched from ${node.target}`);
        assert.equal(canonical(fetched.data), expected, `document fetched from ${node.target}`);
      }
      t.diagnostic(`converged at version ${version}: ${docText(docs[0].data).length} characters`);
      clients.forEach((c) => c.close());
      checkClientLog(t, true);
    }));

  it(`acked ops survive SIGKILL of the owner node; editing resumes within 10 s (seed ${seed})`,
    { timeout: TEST_TIMEOUT_MS, skip }, (t) => reportingSeed(seed, async () => {
      const rng = makeRng(seed ^ 0xc105e7);
      const id = `cluster-kill-${seed}`;
      const ownerId = ownerOf([...nodeIds.values()], `docs.${id}`);
      const owner = nodes.find((node) => nodeIds.get(node) === ownerId);
      const survivors = nodes.filter((node) => node !== owner);
      t.diagnostic(`docs.${id} is owned by ${owner.target}`);

      const writers = await startWriters(nodes, id);
      const load = markerLoad(writers, rng);
      const { submitted, acked, ackTimes, submitTimes } = load;

      await waitFor(() => acked.size >= 60, '60 acks before the kill', 30_000);
      await sleep(rng.int(20));
      const killedAt = Date.now();
      await owner.kill();
      const ackedBeforeKill = [...acked];
      t.diagnostic(`killed ${owner.target} after ${ackedBeforeKill.length} acks of ${submitted.length} submitted markers`);

      await moveWriters(writers, owner, survivors);

      // Editing resumes: an op submitted after the kill is acked.
      await waitFor(() => [...ackTimes.keys()].some((m) => submitTimes.get(m) > killedAt),
        'an op submitted after the kill to be acked', 10_000);
      const resumedAfter = Math.min(...[...ackTimes].filter(([m]) => submitTimes.get(m) > killedAt).map(([, at]) => at)) - killedAt;
      t.diagnostic(`first ack of an op submitted after the kill: ${resumedAfter} ms after it`);
      assert.ok(resumedAfter < 10_000, `editing resumed ${resumedAfter} ms after the kill`);

      await waitFor(() => acked.size >= ackedBeforeKill.length + 60, '60 more acks after the kill', 30_000);
      const fetched = await finish(load, writers, survivors[0], id, ackedBeforeKill);
      const other = await freshFetch(survivors[1].wsUrl, id, `fresh client on ${survivors[1].target}`);
      assert.equal(canonical(other.data), canonical(fetched.data), 'the two survivors serve the same document');

      const takeover = new RegExp(`\\{"doc":"${id}"\\} moved here from node ${ownerId}`);
      assert.ok(survivors.some((node) => takeover.test(node.output)), 'a survivor logged that it took the document over');
      t.diagnostic(`${submitted.length} markers, all applied once; version ${fetched.version}`);
      writers.forEach((w) => w.client.close());
      checkClientLog(t, true);
    }));

  it(`a rolling restart under load: each node in turn stops (SIGTERM) and comes back (seed ${seed})`,
    { timeout: 150_000, skip }, (t) => reportingSeed(seed, async () => {
      const rng = makeRng(seed ^ 0x5011);
      const id = `cluster-rolling-${seed}`;
      const down = nodes.filter((node) => !node.running);
      for (const node of down) await node.restart(); // the node the previous test killed rejoins
      await waitForServing(nodes, 3);

      const writers = await startWriters(nodes, id);
      const load = markerLoad(writers, rng);
      for (const node of nodes) {
        const others = nodes.filter((n) => n !== node);
        const before = load.acked.size;
        await waitFor(() => load.acked.size >= before + 30, `30 acks before stopping ${node.target}`, 30_000);
        const exit = await node.stop();
        t.diagnostic(`${node.target} stopped (code ${exit?.code}) after ${load.acked.size} acks`);
        await moveWriters(writers, node, others);
        const during = load.acked.size;
        await waitFor(() => load.acked.size >= during + 30, `30 acks while ${node.target} is down`, 30_000);
        await node.restart();
        await waitForServing(nodes, 3);
        t.diagnostic(`${node.target} is back with ${load.acked.size} acks`);
      }
      const after = load.acked.size;
      await waitFor(() => load.acked.size >= after + 30, '30 acks after the last restart', 30_000);
      const fetched = await finish(load, writers, nodes[0], id, [...load.acked]);
      for (const node of nodes.slice(1)) {
        const other = await freshFetch(node.wsUrl, id, `fresh client on ${node.target}`);
        assert.equal(canonical(other.data), canonical(fetched.data), `${node.target} serves the same document`);
      }
      t.diagnostic(`${load.submitted.length} markers through three restarts, all applied once; version ${fetched.version}`);
      writers.forEach((w) => w.client.close());
      checkClientLog(t, true);
    }));
});

// ---- writers that insert unique markers, and the checks on them -----------------------------------------

/** Six writers, two per node, subscribed to a new document `id`. */
async function startWriters(nodes, id) {
  const writers = [];
  for (let i = 0; i < 6; i++) {
    const node = nodes[i % 3];
    const client = await connect(node.wsUrl, `writer ${i} on ${node.target}`);
    writers.push({ client, node, doc: client.doc(id), name: `w${i}` });
  }
  await subscribe(writers[0].doc);
  await createDoc(writers[0].doc, [{ insert: 'Log:\n' }]);
  for (const w of writers.slice(1)) await subscribe(w.doc);
  return writers;
}

/**
 * Every writer submits a unique marker `[wN:k]` every 2-25 ms without waiting for acks, until `stop()`.
 * Markers go only at either end or right after another marker, so they never nest.
 */
function markerLoad(writers, rng) {
  const load = { submitted: [], acked: new Set(), ackTimes: new Map(), submitTimes: new Map(), submitErrors: [], stopped: false };
  let next = 1;
  const submitMarker = (w) => {
    const marker = `${w.name}:${next++}`;
    const text = docText(w.doc.data);
    const spots = [0, text.length - 1];
    for (let i = 1; i < text.length; i++) if (text[i - 1] === ']') spots.push(i);
    const op = [{ retain: rng.pick(spots) }, { insert: `[${marker}]` }];
    if (op[0].retain === 0) op.shift();
    load.submitted.push(marker);
    load.submitTimes.set(marker, Date.now());
    w.doc.submitOp(op, (err) => {
      if (err) load.submitErrors.push(`[${marker}]: ${err.code} ${err.message}`);
      else { load.acked.add(marker); load.ackTimes.set(marker, Date.now()); }
    });
  };
  load.running = Promise.all(writers.map(async (w) => {
    while (!load.stopped) { submitMarker(w); await sleep(rng.range(2, 25)); }
  }));
  return load;
}

/** The writers on `gone` reconnect to the `others` in turn (what a list of URLs or a load balancer does). */
async function moveWriters(writers, gone, others) {
  const moved = writers.filter((w) => w.node === gone);
  await waitFor(() => moved.every((w) => !w.client.connected), `the writers on ${gone.target} to notice it is gone`);
  moved.forEach((w, i) => {
    w.node = others[i % others.length];
    w.client.url = w.node.wsUrl;
    w.client.reconnect();
  });
  await Promise.all(moved.map((w) => w.client.whenConnected()));
}

/**
 * Stops the load, waits for every writer's acks, and checks a fresh fetch from `node`: every marker in
 * `mustHave` is there, no marker twice, every submitted marker applied and acked without error, and every
 * writer's replica equal to the fetch. Returns the fetched doc.
 */
async function finish(load, writers, node, id, mustHave) {
  load.stopped = true;
  await load.running;
  await Promise.all(writers.map((w) => whenNothingPending(w.doc, 30_000)));
  const fetched = await freshFetch(node.wsUrl, id, `fresh client on ${node.target}`);
  const counts = new Map();
  for (const m of docText(fetched.data).matchAll(/\[(w\d:\d+)\]/g)) counts.set(m[1], (counts.get(m[1]) || 0) + 1);
  assert.deepEqual(mustHave.filter((k) => !counts.has(k)), [], 'acknowledged markers are missing');
  assert.deepEqual([...counts].filter(([, n]) => n > 1).map(([k]) => k), [], 'markers applied more than once');
  assert.deepEqual(load.submitErrors, [], 'submit callbacks got errors');
  assert.deepEqual(load.submitted.filter((k) => !counts.has(k)), [], 'markers submitted but never applied');
  assert.equal(load.acked.size, load.submitted.length, 'every submit acked');
  await waitFor(() => writers.every((w) => w.doc.version === fetched.version),
    () => `every writer at version ${fetched.version}: ${writers.map((w) => w.doc.version)}`);
  for (const w of writers) assert.equal(canonical(w.doc.data), canonical(fetched.data), `${w.name}'s replica`);
  return fetched;
}

/** Until every running node's /health lists `count` serving nodes. */
async function waitForServing(nodes, count) {
  for (const node of nodes) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const health = await node.clusterHealth();
      if (Object.keys(health?.cluster?.serving ?? {}).length === count) break;
      if (Date.now() > deadline) throw new Error(`${node.target} does not see ${count} serving nodes: ${JSON.stringify(health)}`);
      await sleep(100);
    }
  }
}
