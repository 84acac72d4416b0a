/**
 * The benchmark workloads, driven with the stock ShareDB client (`sharedb/lib/client` 7.0.0, `rich-text`
 * 4.1.0) over `ws`, against any ShareDB-protocol server. compare.mjs runs each workload in its own
 * process (this file), so that a hung or crashed workload can be killed without losing the others.
 *
 *   node bench/workloads.mjs trace --url ws://127.0.0.1:8080/ws [--ops N] [--trace FILE] [--reconnect-every N]
 *   node bench/workloads.mjs hot   --url ws://127.0.0.1:8080/ws [--writers 50] [--secs 20] [--drain-secs 60]
 *   node bench/workloads.mjs large --url ws://127.0.0.1:8080/ws [--sizes 10000,1000000] [--ops 2000]
 *                                  [--batch 500] [--warmup 200]
 *
 * stdout carries only machine-readable lines: `PROGRESS {json}` now and then (the figures so far, so a
 * workload stopped by the watchdog still reports something) and one `RESULT {json}` at the end; human
 * notes go to stderr. Exit status 0 when the workload ran to the end and its checks passed, 1 otherwise
 * (the RESULT line says why).
 *
 * trace  One author replays a sequential editing trace (josephg/editing-traces format, see
 *        ../shared/traces/README.md) as rich-text ops with one op in flight: submit, wait for the ack,
 *        submit the next. Figures: ops/s overall and at fixed prefixes (to compare runs capped at
 *        different lengths), submit->ack p50/p99. Checks the text the author sees and a fresh fetch
 *        against the trace's endContent (full replay) or a local replay of the same prefix (capped).
 *        --reconnect-every N (diagnostic) moves the author to a fresh connection every N ops, to show
 *        what a server does when its per-connection rate limit is out of the way.
 * hot    W authors on one document, each submitting about 5 ops/s (80 % inserts of a unique `[tag]` at a
 *        random place, else a 10-character delete) for S seconds, plus W readers that only subscribe.
 *        Figures: acked ops/s, submit->ack and submit->remote-apply (a reader's `op` event holding the tag)
 *        p50/p99, errors, ops never acked, and whether all 2W replicas and a fresh fetch converged. The
 *        stock client composes ops submitted while one is in flight into one message; each still counts
 *        as one op with its own latency, as a user would feel it.
 * large  Per-op cost against document size: for each size, a document of that many characters is built,
 *        then one author makes N single-character edits (alternating insert and delete at random places,
 *        so the size stays put) with one op in flight. The ack latency is timed from the moment the
 *        stock client's submitOp returns (it has applied the op locally and sent it) to the ack, so the
 *        client's own O(size) Delta work is not charged to the server; that local apply time is reported
 *        apart. The edits run in batches of --batch ops, each on a fresh connection, so that a server's
 *        per-connection rate limit (ours: a burst of 10,000 messages, then 5,000/s) cannot stand in for the
 *        per-op cost this workload is after.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import Delta from 'quill-delta';
import richText from 'rich-text';
import ShareDB from 'sharedb/lib/client/index.js';
import WebSocket from 'ws';

ShareDB.types.register(richText.type);

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_TRACE = path.resolve(
  here, '..', '..', '..', 'shared', 'traces', 'sequential_traces', 'automerge-paper.json.gz');
const COLLECTION = 'docs';
const STEP_TIMEOUT_MS = 30_000;

// ---- small helpers ---------------------------------------------------------------------------------------

const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const uid = () => crypto.randomBytes(4).toString('hex'); // 8 hex digits
const rnd = (n) => Math.floor(Math.random() * n);
const round = (x, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

/** Nearest-rank percentile of a list of numbers (null when empty). */
export function pct(values, p) {
  if (!values.length) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const stats = (values, digits = 3) => ({
  n: values.length,
  p50_ms: round(pct(values, 50), digits),
  p99_ms: round(pct(values, 99), digits),
  max_ms: round(values.length ? values.reduce((m, v) => (v > m ? v : m), -Infinity) : NaN, digits),
});

/** What the stock client logs (it warns instead of failing, e.g. on an ack ahead of its version). */
const clientLog = [];
const record = (level) => (...args) => {
  if (clientLog.length < 1000) clientLog.push(`${level}: ${args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`.slice(0, 400));
};
ShareDB.logger.setMethods({ warn: record('warn'), error: record('error') });
const clientLogSummary = () => ({ client_log_lines: clientLog.length, client_log_first: clientLog[0] ?? null });

/** Callback API -> promise, rejected with `what` if no answer within `ms`. */
function call(fn, what, ms = STEP_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms);
    fn((err, value) => {
      clearTimeout(timer);
      if (err) reject(Object.assign(new Error(`${what}: ${err.code ?? ''} ${err.message ?? err}`.trim()), { cause: err }));
      else resolve(value);
    });
  });
}

/** Transport trouble seen by any connection of this workload (the stock client does not reconnect here). */
const transport = { socket_errors: 0, unexpected_closes: 0, connection_errors: 0, first: null };
const noteTransport = (kind, detail) => {
  transport[kind] += 1;
  if (!transport.first) transport.first = `${kind}: ${detail}`;
};

/** A stock ShareDB Connection over a fresh WebSocket, open and handshaken. */
async function connect(url) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  let closing = false;
  ws.on('error', (e) => noteTransport('socket_errors', e.message));
  ws.on('close', (code) => { if (!closing) noteTransport('unexpected_closes', `code ${code}`); });
  const conn = new ShareDB.Connection(ws);
  conn.on('error', (e) => noteTransport('connection_errors', e.message));
  if (conn.state !== 'connected') {
    await call((cb) => {
      const onState = (state) => {
        if (state === 'connected') { conn.removeListener('state', onState); cb(); }
        if (state === 'closed' || state === 'disconnected') { conn.removeListener('state', onState); cb(new Error(`connection ${state}`)); }
      };
      conn.on('state', onState);
    }, `connect ${url}`);
  }
  return { conn, ws, close() { closing = true; try { conn.close(); } catch { /* gone */ } try { ws.close(); } catch { /* gone */ } } };
}

const textOf = (data) => (data?.ops ?? []).map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join('');
const lengthOf = (data) => (data?.ops ?? []).reduce((n, op) => n + (typeof op.insert === 'string' ? op.insert.length : 1), 0);

async function fetchFresh(url, id) {
  const c = await connect(url);
  try {
    const doc = c.conn.get(COLLECTION, id);
    await call((cb) => doc.fetch(cb), `fetch ${id}`);
    return { version: doc.version, data: doc.data };
  } finally {
    c.close();
  }
}

/** Where two strings first differ, with a little context, for a failure report. */
function firstDifference(actual, expected) {
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  return { index: i, actual_length: actual.length, expected_length: expected.length,
    actual_near: JSON.stringify(actual.slice(Math.max(0, i - 20), i + 20)),
    expected_near: JSON.stringify(expected.slice(Math.max(0, i - 20), i + 20)) };
}

/** Rejects once `lastProgress()` is over `ms` ago; bounds a loop of awaited acks without a timer per op. */
function stallGuard(lastProgress, ms, what) {
  let timer;
  const promise = new Promise((_, reject) => {
    timer = setInterval(() => {
      if (now() - lastProgress() > ms) reject(new Error(`stalled: no progress for ${ms} ms (${what()})`));
    }, 500);
  });
  return { promise, stop: () => clearInterval(timer) };
}

// ---- trace -----------------------------------------------------------------------------------------------

export function loadTrace(file) {
  const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)));
  const patches = [];
  for (const txn of trace.txns) for (const patch of txn.patches) patches.push(patch);
  return { patches, startContent: trace.startContent ?? '', endContent: trace.endContent };
}

const CHECKPOINTS = [1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000];

export async function trace({ url, ops, trace: file = DEFAULT_TRACE, reconnectEvery = 0 }, progress) {
  const { patches, startContent, endContent } = loadTrace(file);
  if (startContent !== '') throw new Error('trace does not start from an empty document');
  const n = Math.min(Number(ops) > 0 ? Number(ops) : patches.length, patches.length);
  const result = { workload: 'trace', trace: path.basename(file), total_ops: patches.length, ops: n, capped: n < patches.length, done: 0 };
  if (reconnectEvery > 0) result.reconnect_every = reconnectEvery;
  let c = await connect(url);
  const id = `trace-${uid()}`;
  let doc = c.conn.get(COLLECTION, id);
  // Created empty, so the final text must equal endContent exactly (no trailing newline added).
  await call((cb) => doc.create([], 'rich-text', cb), 'create trace doc');

  const lat = new Float64Array(n);
  const checkpoints = [];
  let done = 0;
  let lastAck = now();
  const t0 = now();
  const figures = () => {
    const secs = (now() - t0) / 1000;
    const sample = Array.from(lat.subarray(0, done));
    return { ...result, done, secs: round(secs, 2), ops_per_s: round(done / secs, 1), ack: stats(sample), checkpoints };
  };
  const ticker = setInterval(() => progress(figures()), 5000);
  const guard = stallGuard(() => lastAck, STEP_TIMEOUT_MS, () => `trace op ${done + 1} of ${n}`);
  try {
    for (let i = 0; i < n; i++) {
      if (reconnectEvery > 0 && i > 0 && i % reconnectEvery === 0) {
        // Diagnostic mode: the same author carries on over a fresh connection (the time this takes is
        // counted), which sidesteps a per-connection message rate limit.
        const next = await connect(url);
        const nextDoc = next.conn.get(COLLECTION, id);
        await call((cb) => nextDoc.fetch(cb), `refetch ${id} after ${i} ops`);
        c.close();
        [c, doc] = [next, nextDoc];
        lastAck = now();
      }
      const [pos, del, ins] = patches[i];
      const op = new Delta().retain(pos);
      if (del) op.delete(del);
      if (ins) op.insert(ins);
      const start = now();
      await Promise.race([
        new Promise((resolve, reject) => doc.submitOp(op.ops, (err) => (err ? reject(new Error(`op ${i + 1} (${JSON.stringify(patches[i])}): ${err.code ?? ''} ${err.message}`)) : resolve()))),
        guard.promise,
      ]);
      lastAck = now();
      lat[i] = lastAck - start;
      done = i + 1;
      if (CHECKPOINTS.includes(done) && done < n) {
        const secs = (lastAck - t0) / 1000;
        checkpoints.push({ ops: done, secs: round(secs, 3), ops_per_s: round(done / secs, 1) });
      }
    }
  } finally {
    guard.stop();
    clearInterval(ticker);
  }
  const final = figures();
  final.checkpoints.push({ ops: n, secs: final.secs, ops_per_s: final.ops_per_s });

  // Checks: what the author sees, and what a fresh connection fetches, against the expected text.
  let expected;
  if (n === patches.length) {
    expected = endContent;
    final.expected_from = 'endContent';
  } else {
    let text = '';
    for (let i = 0; i < n; i++) {
      const [pos, del, ins] = patches[i];
      text = text.slice(0, pos) + ins + text.slice(pos + del);
    }
    expected = text;
    final.expected_from = `local replay of the first ${n} patches`;
  }
  const seen = textOf(doc.data);
  const fetched = await fetchFresh(url, id);
  const fetchedText = textOf(fetched.data);
  c.close();
  Object.assign(final, {
    final_length: fetchedText.length,
    version: fetched.version,
    version_ok: fetched.version === n + 1,
    author_text_ok: seen === expected,
    fetched_text_ok: fetchedText === expected,
    ...clientLogSummary(),
    transport,
  });
  if (!final.fetched_text_ok) final.fetched_mismatch = firstDifference(fetchedText, expected);
  if (!final.author_text_ok) final.author_mismatch = firstDifference(seen, expected);
  final.ok = final.author_text_ok && final.fetched_text_ok && final.version_ok;
  return final;
}

// ---- hot -------------------------------------------------------------------------------------------------

export async function hot({ url, writers = 50, secs = 20, drainSecs = 60 }, progress) {
  const W = Number(writers);
  const S = Number(secs);
  const id = `hot-${uid()}`;
  const result = { workload: 'hot', writers: W, readers: W, secs: S };
  const clients = [];
  let firstDocError = null;
  const setupStart = now();
  for (let i = 0; i < 2 * W; i++) {
    const c = await connect(url);
    c.doc = c.conn.get(COLLECTION, id);
    await call((cb) => c.doc.subscribe(cb), `subscribe client ${i}`);
    if (i === 0) await call((cb) => c.doc.create([{ insert: 'Policy recommendation draft\n' }], 'rich-text', cb), 'create hot doc');
    c.docErrors = 0;
    c.role = i < W ? 'author' : 'reader';
    c.doc.on('error', (err) => {
      c.docErrors += 1;
      firstDocError ??= `${c.role} ${i}: ${err?.code ?? ''} ${err?.message ?? err}`.trim();
    });
    clients.push(c);
  }
  result.setup_secs = round((now() - setupStart) / 1000, 2);
  const authors = clients.slice(0, W);
  const readers = clients.slice(W);

  const sentAt = new Map(); // tag -> submit time
  const ack = [];
  const ackAt = []; // when each acked op was submitted, ms after the start, for the per-window figures
  const remote = [];
  let submitted = 0;
  let acked = 0;
  let errors = 0;
  let firstError = null;
  const errorCodes = {};
  let lastAckAt = 0;
  const tagPattern = /\[([0-9a-f]{8})\]/g;
  for (const reader of readers) {
    reader.doc.on('op', (op, source) => {
      if (source) return;
      const t = now();
      // The stock server sends an op it had to transform as a Delta object ({ops: [...]}), else an array.
      for (const o of Array.isArray(op) ? op : op?.ops ?? []) {
        if (typeof o.insert !== 'string') continue;
        for (const m of o.insert.matchAll(tagPattern)) {
          const at = sentAt.get(m[1]);
          if (at !== undefined) remote.push(t - at);
        }
      }
    });
  }

  let stop = false;
  const t0 = now();
  const ticker = setInterval(() => progress({ ...result, phase: 'editing', elapsed_s: round((now() - t0) / 1000, 1), submitted, acked, errors }), 5000);
  await Promise.all(authors.map(async (c) => {
    await sleep(rnd(200));
    while (!stop) {
      const len = lengthOf(c.doc.data);
      let op;
      let tag = null;
      if (Math.random() < 0.8 || len < 20) {
        tag = uid();
        op = new Delta().retain(rnd(len)).insert(`[${tag}]`);
      } else {
        op = new Delta().retain(rnd(len - 12)).delete(10);
      }
      const start = now();
      if (tag) sentAt.set(tag, start);
      submitted += 1;
      try {
        c.doc.submitOp(op.ops, (err) => {
          if (err) {
            errors += 1;
            firstError ??= `${err.code ?? ''} ${err.message}`.trim();
            const code = err.code ?? String(err.message).slice(0, 80);
            errorCodes[code] = (errorCodes[code] ?? 0) + 1;
          } else {
            acked += 1;
            lastAckAt = now();
            ack.push(lastAckAt - start);
            ackAt.push(start - t0);
          }
        });
      } catch (err) {
        errors += 1;
        firstError ??= `submitOp threw: ${err.message}`;
      }
      await sleep(150 + rnd(100));
      if (now() - t0 > S * 1000) stop = true;
    }
  }));
  const editSecs = (now() - t0) / 1000;

  // Drain: every author's ops acked (or failed), within a bound.
  const drainStart = now();
  const drainDeadline = drainStart + drainSecs * 1000;
  const pendingOf = (c) => (c.doc.inflightOp ? 1 : 0) + c.doc.pendingOps.length;
  while (authors.some((c) => c.doc.hasWritePending()) && now() < drainDeadline) {
    progress({ ...result, phase: 'draining', submitted, acked, errors, pending_messages: authors.reduce((n, c) => n + pendingOf(c), 0) });
    await sleep(200);
  }
  clearInterval(ticker);
  const drained = !authors.some((c) => c.doc.hasWritePending());
  const drainSecsTaken = (now() - drainStart) / 1000;

  // Convergence: every replica reaches the same version, then all data and a fresh fetch agree.
  const convergeDeadline = now() + 15_000;
  const versions = () => new Set(clients.map((c) => c.doc.version));
  while (versions().size > 1 && now() < convergeDeadline) await sleep(100);
  await sleep(300);
  const replicaStates = new Set(clients.map((c) => JSON.stringify(c.doc.data)));
  let fetched = null;
  let fetchError = null;
  try { fetched = await fetchFresh(url, id); } catch (err) { fetchError = err.message; }
  const versionSet = [...versions()];
  const converged = versionSet.length === 1 && replicaStates.size === 1 && fetched !== null
    && fetched.version === versionSet[0] && JSON.stringify(fetched.data) === [...replicaStates][0];
  const docErrors = clients.reduce((n, c) => n + c.docErrors, 0);
  clients.forEach((c) => c.close());

  const activeSecs = lastAckAt > t0 ? (lastAckAt - t0) / 1000 : editSecs;
  Object.assign(result, {
    edit_secs: round(editSecs, 2),
    submitted,
    acked,
    errors,
    first_error: firstError,
    error_codes: errorCodes,
    never_acked: submitted - acked - errors,
    drained,
    drain_secs: round(drainSecsTaken, 2),
    submitted_per_s: round(submitted / editSecs, 1),
    ops_per_s: round(acked / activeSecs, 1),
    ack: stats(ack, 2),
    ack_p99_by_5s: byWindow(ack, ackAt, 5000),
    remote: stats(remote, 2),
    remote_deliveries: remote.length,
    remote_deliveries_max: sentAt.size * W, // each tagged insert at each reader; fewer when an op failed, or when the client composed an insert with its own later delete while waiting for an ack
    converged,
    final_versions: versionSet.slice(0, 5),
    distinct_replica_states: replicaStates.size,
    final_version: fetched?.version ?? null,
    final_length: fetched ? lengthOf(fetched.data) : null,
    fetch_error: fetchError,
    doc_errors: docErrors,
    doc_errors_by_role: { author: authors.reduce((n, c) => n + c.docErrors, 0), reader: readers.reduce((n, c) => n + c.docErrors, 0) },
    first_doc_error: firstDocError,
    ...clientLogSummary(),
    transport,
  });
  result.ok = converged && errors === 0 && drained && docErrors === 0;
  return result;
}

/** p99 of `values` per window of `ms` by submit time: shows whether a tail is warm-up, steady or growing. */
function byWindow(values, at, ms) {
  const windows = [];
  values.forEach((v, i) => {
    const w = Math.floor(at[i] / ms);
    (windows[w] ??= []).push(v);
  });
  return Array.from(windows, (w) => (w ? round(pct(w, 99), 1) : null));
}

// ---- large -----------------------------------------------------------------------------------------------

const PROSE = 'Member states should publish the draft recommendation with its annexes and invite comments '
  + 'from regional authorities, civil society and the research community before the next plenary. ';

function filler(length) {
  let text = '';
  while (text.length < length) text += PROSE;
  return text.slice(0, length);
}

export async function large({ url, sizes = [10_000, 1_000_000], ops = 2000, batch = 500, warmup = 200 }, progress) {
  const result = { workload: 'large', ops_per_size: Number(ops), batch: Number(batch), warmup: Number(warmup), sizes: [] };
  for (const size of sizes) {
    const entry = { size, ops: 0 };
    result.sizes.push(entry);
    const id = `large-${size}-${uid()}`;

    // Build the document: text + a final newline, in inserts of at most 100,000 characters (under any
    // sane message size limit).
    const buildStart = now();
    const builder = await connect(url);
    {
      const doc = builder.conn.get(COLLECTION, id);
      await call((cb) => doc.create([], 'rich-text', cb), `create ${id}`);
      const text = filler(size - 1) + '\n';
      for (let at = 0; at < text.length; at += 100_000) {
        const chunk = text.slice(at, at + 100_000);
        await call((cb) => doc.submitOp(new Delta().retain(at).insert(chunk).ops, cb), `build ${id} at ${at}`, 60_000);
      }
      entry.build_secs = round((now() - buildStart) / 1000, 2);
      entry.length = lengthOf(doc.data);
    }
    builder.close();

    const session = async (count, samples) => {
      const c = await connect(url);
      const doc = c.conn.get(COLLECTION, id);
      const subStart = now();
      await call((cb) => doc.subscribe(cb), `subscribe ${id}`, 60_000);
      const subscribeMs = now() - subStart;
      const wallStart = now();
      for (let i = 0; i < count; i++) {
        const len = lengthOf(doc.data);
        const op = i % 2 === 0 ? new Delta().retain(rnd(len)).insert('x') : new Delta().retain(rnd(len - 1)).delete(1);
        let sentAt = 0;
        const before = now();
        await call((cb) => {
          doc.submitOp(op.ops, cb);
          sentAt = now(); // submitOp has applied the op locally and handed the message to the socket
        }, `op ${i} on ${id}`);
        const acked = now();
        if (samples) {
          samples.ack.push(acked - sentAt);
          samples.total.push(acked - before);
          samples.apply.push(sentAt - before);
        }
      }
      const wall = now() - wallStart;
      const state = { version: doc.version, data: doc.data };
      c.close();
      return { subscribeMs, wall, state };
    };

    if (result.warmup > 0) await session(result.warmup, null);
    const samples = { ack: [], total: [], apply: [] };
    let wall = 0;
    const subscribe = [];
    let last = null;
    for (let doneOps = 0; doneOps < result.ops_per_size; doneOps += result.batch) {
      const count = Math.min(result.batch, result.ops_per_size - doneOps);
      const s = await session(count, samples);
      wall += s.wall;
      subscribe.push(s.subscribeMs);
      last = s.state;
      entry.ops = doneOps + count;
      progress({ ...result, phase: `size ${size}`, done: entry.ops });
    }
    const fetched = await fetchFresh(url, id);
    Object.assign(entry, {
      ops_per_s: round((entry.ops / wall) * 1000, 1),
      ack: stats(samples.ack),
      submit_to_ack: stats(samples.total),
      client_apply: stats(samples.apply),
      subscribe_ms_p50: round(pct(subscribe, 50), 1),
      final_length: lengthOf(fetched.data),
      consistent: fetched.version === last.version && JSON.stringify(fetched.data) === JSON.stringify(last.data),
    });
  }
  if (result.sizes.length >= 2) {
    const [small, big] = [result.sizes[0], result.sizes[result.sizes.length - 1]];
    result.ratio_ack_p50 = round(big.ack.p50_ms / small.ack.p50_ms, 2);
    result.ratio_ack_p99 = round(big.ack.p99_ms / small.ack.p99_ms, 2);
    result.ratio_ops_per_s = round(small.ops_per_s / big.ops_per_s, 2);
  }
  Object.assign(result, clientLogSummary(), { transport });
  result.ok = result.sizes.every((s) => s.consistent && s.final_length === s.size);
  return result;
}

// ---- command line ----------------------------------------------------------------------------------------

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      ops: { type: 'string' },
      trace: { type: 'string' },
      writers: { type: 'string' },
      secs: { type: 'string' },
      'drain-secs': { type: 'string' },
      'reconnect-every': { type: 'string' },
      sizes: { type: 'string' },
      batch: { type: 'string' },
      warmup: { type: 'string' },
    },
  });
  const mode = positionals[0];
  const workloads = { trace, hot, large };
  if (!workloads[mode] || !values.url) {
    process.stderr.write('usage: node bench/workloads.mjs trace|hot|large --url ws://HOST:PORT/ws [options]\n');
    process.exit(2);
  }
  const num = (v, d) => (v === undefined ? d : Number(v));
  const options = {
    url: values.url,
    ops: num(values.ops, mode === 'large' ? 2000 : undefined),
    trace: values.trace ?? DEFAULT_TRACE,
    writers: num(values.writers, 50),
    secs: num(values.secs, 20),
    drainSecs: num(values['drain-secs'], 60),
    reconnectEvery: num(values['reconnect-every'], 0),
    sizes: values.sizes ? values.sizes.split(',').map(Number) : [10_000, 1_000_000],
    batch: num(values.batch, 500),
    warmup: num(values.warmup, 200),
  };
  const emit = (kind, obj) => process.stdout.write(`${kind} ${JSON.stringify(obj)}\n`);
  try {
    const result = await workloads[mode](options, (partial) => emit('PROGRESS', partial));
    emit('RESULT', result);
    process.exitCode = result.ok ? 0 : 1;
  } catch (err) {
    emit('RESULT', { workload: mode, ok: false, error: err.message, ...clientLogSummary(), transport });
    process.exitCode = 1;
  }
  // Sockets left open by a failure must not keep this process alive.
  setTimeout(() => process.exit(), 200).unref();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
