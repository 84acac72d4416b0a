/**
 * Cluster benchmark: what crossing nodes costs, measured with the stock ShareDB client against three
 * cluster nodes (separate JVMs, `--cluster` on loopback) and, as the reference in the same run, one
 * node without `--cluster`; all on one Mongo-wire store (separate databases). Prints a table and writes
 * the figures as JSON.
 *
 *   (cd .. && mvn -q -DskipTests -De2e.skip=true package)
 *   npm run bench:cluster -- --out /tmp/cluster.json        # about 5 minutes on a 2-core machine
 *
 * Each target first runs the throughput workload (which also warms up its JIT), then the latency one.
 *
 * Latency: an author submits one op at a time, and a reader subscribed to the same document times the
 * moment the op reaches it (submit to remote apply), `--latency-ops` ops per placement, after as many
 * warm-up ops. Placements, by where author and reader connect relative to the document's owner node
 * (computed as the server does, e2e/cluster-owner.mjs): the single node; both on the owner; both on
 * another node; author on the owner and reader elsewhere; author elsewhere and reader on the owner;
 * author and reader on two different non-owner nodes. "Extra" is each placement's figure minus the
 * both-on-the-owner one of the same run.
 *
 * Throughput: `--docs` documents with two authors each, the authors spread over the nodes (round robin),
 * each submitting its next op as soon as the previous one is acked, for `--secs` seconds after 5 s of
 * warm-up; acked ops per second on the cluster and on the single node. On one machine the three nodes share its cores, so this
 * measures the price of the cluster's extra hops, not the capacity that more machines would add.
 *
 * Options: --latency-ops N (2000), --docs N (60), --secs S (20), --out FILE; the jar from E2E_JAR.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { closeAllClients, connect, createDoc, subscribe, submitOp } from '../e2e/client.mjs';
import { ownerOf } from '../e2e/cluster-owner.mjs';
import { startCluster, startServer, startWireStore } from '../e2e/server.mjs';
import { pct } from './workloads.mjs';

const { values } = parseArgs({
  options: {
    'latency-ops': { type: 'string', default: '2000' },
    docs: { type: 'string', default: '60' },
    secs: { type: 'string', default: '20' },
    out: { type: 'string' },
  },
});
const LATENCY_OPS = Number(values['latency-ops']);
const DOCS = Number(values.docs);
const SECS = Number(values.secs);
const round = (x, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line) => process.stderr.write(`[bench:cluster] ${line}\n`);

/** Submit-to-remote-apply times (ms) of `ops` ops from `authorUrl`, seen by a reader on `readerUrl`. */
async function latency(authorUrl, readerUrl, id, ops) {
  const author = await connect(authorUrl, 'author');
  const reader = await connect(readerUrl, 'reader');
  try {
    const authorDoc = author.doc(id);
    const readerDoc = reader.doc(id);
    await subscribe(authorDoc);
    await createDoc(authorDoc, [{ insert: 'Latency\n' }]);
    await subscribe(readerDoc);
    const times = [];
    let waiting = null;
    readerDoc.on('op', (op, source) => {
      if (!source && waiting) waiting();
    });
    for (let i = 0; i < 2 * ops; i++) {
      const seen = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`op ${i} not seen by the reader within 10 s`)), 10_000);
        waiting = () => { clearTimeout(timer); waiting = null; resolve(); };
      });
      const start = performance.now();
      const acked = submitOp(authorDoc, [{ insert: 'x' }]);
      await seen;
      if (i >= ops) times.push(performance.now() - start); // the first `ops` warm up
      await acked; // one op at a time: the next one must not wait in the client behind this one's ack
      await sleep(1);
    }
    return times;
  } finally {
    author.close();
    reader.close();
  }
}

const summary = (times) => ({
  n: times.length,
  p50_ms: round(pct(times, 50)),
  p99_ms: round(pct(times, 99)),
  mean_ms: round(times.reduce((a, b) => a + b, 0) / times.length),
});

/** Acked ops per second of `docs` documents with two closed-loop authors each, spread over `urls`. */
async function throughput(urls, prefix, docs, secs) {
  const authors = [];
  for (let d = 0; d < docs; d++) {
    for (let a = 0; a < 2; a++) {
      const url = urls[(2 * d + a) % urls.length];
      const client = await connect(url, `author ${a} of doc ${d}`);
      const doc = client.doc(`${prefix}-${d}`);
      await subscribe(doc);
      if (a === 0) await createDoc(doc, [{ insert: 'Throughput\n' }]);
      authors.push({ client, doc });
    }
  }
  // The first 5 s warm up every JVM's JIT and are not counted.
  const warmupEnd = performance.now() + 5_000;
  let acked = 0;
  let started = null;
  let stop = false;
  await Promise.all(authors.map(async ({ doc }) => {
    while (!stop) {
      await submitOp(doc, [{ insert: 'y' }], 30_000);
      const now = performance.now();
      if (now < warmupEnd) continue;
      started ??= now;
      acked++;
      if (now - started > secs * 1000) stop = true;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  authors.forEach(({ client }) => client.close());
  return { docs, authors: authors.length, secs: round(elapsed, 1), acked, ops_per_s: round(acked / elapsed, 0) };
}

async function main() {
  const store = await startWireStore();
  const results = { machine: { cores: (await import('node:os')).cpus().length }, latency: {}, throughput: {} };
  try {
    log('single node');
    const single = await startServer({ mongoUri: store.mongoUrl('bench_single') });
    // Throughput first: it also warms up the JIT for the latency runs that follow.
    results.throughput.single_node = await throughput([single.wsUrl], 'tp-single', DOCS, SECS);
    results.latency.single_node = summary(await latency(single.wsUrl, single.wsUrl, 'lat-single', LATENCY_OPS));
    await single.close();

    log('three cluster nodes');
    const nodes = await startCluster({ mongoUri: store.mongoUrl('bench_cluster'), count: 3 });
    const ids = new Map();
    for (const node of nodes) ids.set((await node.clusterHealth()).cluster.self, node);
    const placed = (id) => {
      const owner = ids.get(ownerOf([...ids.keys()], `docs.${id}`));
      const [other, third] = nodes.filter((node) => node !== owner);
      return { owner, other, third };
    };
    const placements = [
      ['both_on_owner', (p) => [p.owner, p.owner]],
      ['both_on_other_node', (p) => [p.other, p.other]],
      ['author_on_owner_reader_elsewhere', (p) => [p.owner, p.other]],
      ['author_elsewhere_reader_on_owner', (p) => [p.other, p.owner]],
      ['author_and_reader_on_two_other_nodes', (p) => [p.other, p.third]],
    ];
    log('throughput');
    results.throughput.three_nodes = await throughput(nodes.map((n) => n.wsUrl), 'tp-cluster', DOCS, SECS);
    for (const [name, place] of placements) {
      const id = `lat-${name}`;
      const [author, reader] = place(placed(id));
      log(`latency: ${name}`);
      results.latency[name] = summary(await latency(author.wsUrl, reader.wsUrl, id, LATENCY_OPS));
    }
    await Promise.all(nodes.map((node) => node.close()));
  } finally {
    closeAllClients();
    await store.close();
  }

  const base = results.latency.both_on_owner;
  const rows = Object.entries(results.latency).map(([name, s]) => {
    const extra = name === 'single_node' || name === 'both_on_owner' ? '' :
      `+${round(s.p50_ms - base.p50_ms)} / +${round(s.p99_ms - base.p99_ms)}`;
    return `| ${name.replaceAll('_', ' ')} | ${s.p50_ms} | ${s.p99_ms} | ${s.mean_ms} | ${extra} |`;
  });
  const tp = results.throughput;
  results.throughput.ratio_three_nodes_to_single = round(tp.three_nodes.ops_per_s / tp.single_node.ops_per_s, 2);
  process.stdout.write([
    `submit-to-remote-apply latency, ${LATENCY_OPS} ops each (ms)`,
    '| placement | p50 | p99 | mean | extra vs both on owner (p50 / p99) |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `throughput, ${DOCS} documents x 2 closed-loop authors, ${SECS} s`,
    `| single node | ${tp.single_node.ops_per_s} ops/s |`,
    `| three nodes | ${tp.three_nodes.ops_per_s} ops/s |`,
    `| ratio | ${results.throughput.ratio_three_nodes_to_single} |`,
    '',
  ].join('\n'));
  if (values.out) fs.writeFileSync(values.out, JSON.stringify(results, null, 2));
}

await main();
setTimeout(() => process.exit(), 200).unref();
