/**
 * Side-by-side benchmark: our server against the stock ShareDB server (sharedb 7.0.0 + sharedb-mongo 6.0.0),
 * both persisting to the same Mongo-wire store, on the same machine in the same run, with the same stock
 * ShareDB client workloads (bench/workloads.mjs). Prints one table and writes the figures as JSON.
 *
 * Needs: Node 20, Java 17, the built server jar, and this package's devDependencies:
 *
 *   (cd .. && mvn -q -DskipTests package)          # builds server/target/collab-server.jar
 *   npm install
 *   npm run bench -- --out /tmp/bench.json         # about 10 minutes on a 2-core machine
 *
 * Targets (columns), each started on a free loopback port, measured, and stopped before the next:
 *   ours-wire      java -jar collab-server.jar --mongo-uri mongodb://127.0.0.1:W/bench_ours
 *   ours-embedded  java -jar collab-server.jar --data-dir TMP (its default store; fsyncs every group commit)
 *   sharedb        node bench/reference-server.mjs --mongo mongodb://127.0.0.1:W/bench_ref
 * where W is one Mongo-wire store for the whole run: `java -cp collab-server.jar
 * org.policycollab.store.WireServerMain W [DIR]` (H2 MVStore; in memory unless --wire-data-dir).
 *
 * Workloads (rows), see workloads.mjs, run in this order for each target: `warmup` (the first 2000 trace
 * edits, then 8 s of hot with 10 authors, on throwaway documents; not in the table: JIT warm-up of both
 * code paths for both runtimes, without which our server's hot-50 tail is mostly its first seconds),
 * `hot` (W authors at ~5 ops/s each + W readers on one document), `large` (single-character edits on a
 * 10 KB and a 1 MB document), `trace` (automerge-paper replayed one op in flight; final text checked), `trace-reconnect`
 * (diagnostic: the first 20,000 trace edits with the author moved to a fresh connection every 900 ops,
 * which takes our server's per-connection rate limit out of the picture). Hot goes first because
 * sharedb-mongo scans the whole ops collection on this store on every concurrent submit (the store has
 * no non-unique indexes), so the stock server slows down as its database fills up. Before each workload
 * the script waits until server and store are idle.
 *
 * Options (the defaults take about 10 minutes on 2 cores):
 *   --out FILE                      also write every figure as JSON
 *   --targets ours-wire,ours-embedded,sharedb
 *   --workloads warmup,hot,large,trace,trace-reconnect
 *   --warmup-ops N                  trace edits in the warm-up (default 2000)
 *   --warmup-hot-secs S             seconds of hot with 10 authors in the warm-up (default 8)
 *   --trace-reconnect-ops N         (default 20000)
 *   --trace-reconnect-every N       (default 900)
 *   --trace-reconnect-targets LIST  (default ours-wire,sharedb)
 *   --trace-ops N                   cap the trace replay for every target (0 = full, 259,778 edits)
 *   --trace-ops-ours-wire N         per-target caps. Defaults: full for ours-wire and ShareDB (about 2
 *   --trace-ops-ours-embedded N       and 5 minutes here), 10000 for ours-embedded, whose fsync per
 *   --trace-ops-sharedb N             group commit makes it the slowest and adds nothing new past that.
 *                                     The table also compares ops/s on the longest prefix every target
 *                                     replayed.
 *   --hot-writers LIST              authors per hot run (default 50 for ours, 50,10 for ShareDB)
 *   --hot-writers-TARGET LIST       the same for one target
 *   --hot-secs S                    length of each hot run (default 20)
 *   --large-ops N                   edits per document size (default 2000)
 *   --large-sizes LIST              document sizes in characters (default 10000,1000000)
 *   --jar PATH                      the server jar (default ../server/target/collab-server.jar)
 *   --trace FILE                    another sequential trace (default <repo>/../shared/traces/sequential_traces/automerge-paper.json.gz)
 *   --wire-data-dir DIR             keep the wire store on disk in DIR instead of memory
 *   --log-dir DIR                   where logs and the copy of the jar that is measured go (default a new
 *                                   temp dir, kept)
 *
 * Every workload runs in its own process under a watchdog; a workload that fails or hangs is killed and
 * marked failed, and the others still run. Every process started here runs in its own process group and
 * is killed when this script exits, however it exits (a detached reaper covers SIGKILL).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
// The servers started here inherit it: their administrator, whom the workloads sign in as.
process.env.COLLAB_ADMIN_PASSWORD ||= 'bench-admin-password-not-a-secret';
const REPO = path.resolve(here, '..', '..');
const TARGETS = ['ours-wire', 'ours-embedded', 'sharedb'];
const LABELS = { 'ours-wire': 'ours (wire store)', 'ours-embedded': 'ours (embedded)', sharedb: 'ShareDB (wire store)' };

// ---- options ---------------------------------------------------------------------------------------------

const { values: opt } = parseArgs({
  options: {
    out: { type: 'string' },
    targets: { type: 'string', default: TARGETS.join(',') },
    workloads: { type: 'string', default: 'warmup,hot,large,trace,trace-reconnect' },
    'warmup-ops': { type: 'string', default: '2000' },
    'warmup-hot-secs': { type: 'string', default: '8' },
    'trace-reconnect-ops': { type: 'string', default: '20000' },
    'trace-reconnect-every': { type: 'string', default: '900' },
    'trace-reconnect-targets': { type: 'string', default: 'ours-wire,sharedb' },
    'trace-ops': { type: 'string' },
    'trace-ops-ours-wire': { type: 'string' },
    'trace-ops-ours-embedded': { type: 'string' },
    'trace-ops-sharedb': { type: 'string' },
    'hot-writers': { type: 'string' },
    'hot-writers-ours-wire': { type: 'string' },
    'hot-writers-ours-embedded': { type: 'string' },
    'hot-writers-sharedb': { type: 'string' },
    'hot-secs': { type: 'string', default: '20' },
    'large-ops': { type: 'string', default: '2000' },
    'large-sizes': { type: 'string', default: '10000,1000000' },
    jar: { type: 'string', default: path.join(REPO, 'server', 'target', 'collab-server.jar') },
    trace: { type: 'string' },
    'wire-data-dir': { type: 'string' },
    'log-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opt.help) {
  const source = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8');
  process.stdout.write(source.slice(0, source.indexOf('*/') + 2) + '\n');
  process.exit(0);
}
const targets = opt.targets.split(',').map((s) => s.trim()).filter(Boolean);
for (const t of targets) if (!TARGETS.includes(t)) { console.error(`unknown target ${t}; known: ${TARGETS.join(', ')}`); process.exit(2); }
const workloads = opt.workloads.split(',').map((s) => s.trim()).filter(Boolean);
const DEFAULT_TRACE_OPS = { 'ours-wire': 0, 'ours-embedded': 10_000, sharedb: 0 };
const traceOps = (t) => Number(opt[`trace-ops-${t}`] ?? opt['trace-ops'] ?? DEFAULT_TRACE_OPS[t]);
const DEFAULT_HOT = { 'ours-wire': '50', 'ours-embedded': '50', sharedb: '50,10' };
const hotWriters = (t) => (opt[`hot-writers-${t}`] ?? opt['hot-writers'] ?? DEFAULT_HOT[t]).split(',').map(Number).filter((n) => n > 0);
const hotSecs = Number(opt['hot-secs']);
const largeOps = Number(opt['large-ops']);
const largeSizes = opt['large-sizes'].split(',').map(Number);
const warmupOps = Number(opt['warmup-ops']);
const warmupHotSecs = Number(opt['warmup-hot-secs']);
const reconnectOps = Number(opt['trace-reconnect-ops']);
const reconnectEvery = Number(opt['trace-reconnect-every']);
const reconnectTargets = opt['trace-reconnect-targets'].split(',').map((s) => s.trim());
const traceFileArgs = opt.trace ? ['--trace', path.resolve(opt.trace)] : [];
if (!fs.existsSync(opt.jar)) {
  console.error(`no server jar at ${opt.jar}; build it first: (cd ${REPO} && mvn -q -DskipTests package)`);
  process.exit(2);
}
const logDir = opt['log-dir'] ? path.resolve(opt['log-dir']) : fs.mkdtempSync(path.join(os.tmpdir(), 'collab-bench-'));
fs.mkdirSync(logDir, { recursive: true });
// Measure a private copy of the jar, so that a rebuild during the run cannot change (or break) what runs.
const jar = path.join(logDir, 'collab-server.jar');
fs.copyFileSync(opt.jar, jar);
const say = (line) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

// ---- process hygiene -------------------------------------------------------------------------------------

const live = new Set(); // children still running, each the leader of its own process group
const tempDirs = new Set();
const reaperFile = path.join(logDir, 'process-groups');
fs.writeFileSync(reaperFile, '');
const syncReaperFile = () => fs.writeFileSync(reaperFile, [...live].map((c) => c.pid).join('\n'));

function killGroup(child, signal) {
  try { process.kill(-child.pid, signal); } catch { try { child.kill(signal); } catch { /* gone */ } }
}
function killEverything() {
  for (const child of live) killGroup(child, 'SIGKILL');
  for (const dir of tempDirs) { try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ } }
}
process.on('exit', killEverything);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    say(`${signal}: stopping everything`);
    killEverything();
    process.exit(128 + os.constants.signals[signal]);
  });
}
// If this process is SIGKILLed no handler runs: a detached reaper then kills the groups still listed.
{
  const reaper = `
const fs = require('fs');
const [parent, file] = [Number(process.argv[1]), process.argv[2]];
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
setInterval(() => {
  if (alive(parent)) return;
  let pids = [];
  try { pids = fs.readFileSync(file, 'utf8').split('\\n').filter(Boolean).map(Number); } catch {}
  for (const pid of pids) { try { process.kill(-pid, 'SIGKILL'); } catch {} }
  process.exit(0);
}, 500);`;
  const child = spawn(process.execPath, ['-e', reaper, String(process.pid), reaperFile], { detached: true, stdio: 'ignore' });
  child.on('error', () => {});
  child.unref();
}

/** Starts a command in its own process group, output appended to `logFile`. */
function start(cmd, args, logFile, { pipeStdout = false } = {}) {
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { cwd: REPO, detached: true, stdio: ['ignore', pipeStdout ? 'pipe' : fd, fd] });
  fs.closeSync(fd);
  child.exited = null;
  child.exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      child.exited = { code, signal };
      live.delete(child);
      syncReaperFile();
      resolve(child.exited);
    });
    child.on('error', (err) => {
      child.exited = { code: null, signal: null, error: err.message };
      live.delete(child);
      syncReaperFile();
      resolve(child.exited);
    });
  });
  live.add(child);
  syncReaperFile();
  child.logFile = logFile;
  return child;
}

async function stop(child, graceMs = 10_000) {
  if (!child || child.exited) return child?.exited;
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  const result = await child.exitPromise;
  clearTimeout(timer);
  killGroup(child, 'SIGKILL'); // anything the leader left behind in its group
  return result;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url, timeoutMs) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('timeout', () => { req.destroy(); resolve(0); });
    req.on('error', () => resolve(0));
  });
}

const tail = (file, chars = 2000) => {
  try { const text = fs.readFileSync(file, 'utf8'); return text.slice(-chars); } catch { return ''; }
};

async function waitReady(child, what, check, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exited) throw new Error(`${what} exited before it was ready (${JSON.stringify(child.exited)}): ${tail(child.logFile, 600)}`);
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`${what} not ready within ${timeoutMs / 1000} s: ${tail(child.logFile, 600)}`);
}

/** CPU seconds (user + system) a process has used so far, from /proc; null where there is no /proc. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return null;
  }
}

// ---- the store and the targets ---------------------------------------------------------------------------

async function startWireStore() {
  const port = await freePort();
  const args = ['-cp', jar, 'org.policycollab.store.WireServerMain', String(port)];
  if (opt['wire-data-dir']) args.push(path.resolve(opt['wire-data-dir']));
  const logFile = path.join(logDir, 'wire-store.log');
  const child = start('java', args, logFile);
  await waitReady(child, 'wire store', async () => tail(logFile, 100_000).includes(`wire server listening on 127.0.0.1:${port}`));
  child.port = port;
  return child;
}

async function startTarget(name, wirePort) {
  const port = await freePort();
  const logFile = path.join(logDir, `${name}.log`);
  let child;
  if (name === 'sharedb') {
    child = start(process.execPath, [path.join(here, 'reference-server.mjs'), '--port', String(port), '--mongo', `mongodb://127.0.0.1:${wirePort}/bench_ref`], logFile);
    await waitReady(child, name, async () => tail(logFile, 100_000).includes(`listening on 127.0.0.1:${port}`));
  } else {
    const args = ['-jar', jar, '--host', '127.0.0.1', '--port', String(port)];
    if (name === 'ours-wire') {
      args.push('--mongo-uri', `mongodb://127.0.0.1:${wirePort}/bench_ours`);
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collab-bench-data-'));
      tempDirs.add(dir);
      args.push('--data-dir', dir);
    }
    child = start('java', args, logFile);
    await waitReady(child, name, async () => (await httpStatus(`http://127.0.0.1:${port}/health`, 1000)) === 200);
  }
  child.port = port;
  child.publicUrl = `ws://127.0.0.1:${port}/ws`;
  // Our server needs a session: the workloads sign in as the administrator (the stock server ignores it).
  child.url = name === 'sharedb' ? child.publicUrl : `${child.publicUrl}?access_token=${encodeURIComponent(await adminToken(port))}`;
  return child;
}

/** Signs in as the administrator of a throwaway benchmark server (COLLAB_ADMIN_PASSWORD, set below). */
async function adminToken(port) {
  const response = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: process.env.COLLAB_ADMIN_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`signing in to the server on ${port}: HTTP ${response.status}`);
  return (await response.json()).token;
}

/** Lines in a server log that look like trouble (logged errors, warnings, stack traces). */
function logTrouble(file) {
  let text = '';
  try { text = fs.readFileSync(file, 'utf8'); } catch { return { lines: 0, first: null }; }
  const bad = text.split('\n').filter((l) => /\b(ERROR|SEVERE|WARN|WARNING)\b|Exception|Error:/.test(l));
  return { lines: bad.length, first: bad[0]?.slice(0, 300) ?? null };
}

/**
 * Waits (up to `maxMs`) until the server and the store are idle (under 10 % of a core over a second), so
 * that work left over from one workload (a backlog the stock server is still writing, say) does not land
 * in the next one's figures. Returns the seconds waited.
 */
async function settle(server, store, maxMs = 30_000) {
  const t0 = Date.now();
  const busy = () => {
    const a = cpuSeconds(server.pid);
    const b = cpuSeconds(store.pid);
    return a === null || b === null ? null : a + b;
  };
  let prev = busy();
  while (prev !== null && Date.now() - t0 < maxMs) {
    await sleep(1000);
    const cur = busy();
    if (cur === null || cur - prev < 0.1) break;
    prev = cur;
  }
  return Number(((Date.now() - t0) / 1000).toFixed(1));
}

// ---- running one workload --------------------------------------------------------------------------------

/**
 * Runs `node workloads.mjs MODE ...` in its own process group with a watchdog; resolves to the RESULT
 * figures, or the last PROGRESS figures marked failed when it hangs or dies.
 */
async function runWorkload(target, server, store, mode, args, limitSecs, tag) {
  const logFile = path.join(logDir, `${target}-${tag}.log`);
  const settled = await settle(server, store);
  const cpu0 = { server: cpuSeconds(server.pid), store: cpuSeconds(store.pid) };
  const t0 = Date.now();
  const child = start(process.execPath, [path.join(here, 'workloads.mjs'), mode, '--url', server.url, ...args], logFile, { pipeStdout: true });
  let result = null;
  let lastProgress = null;
  let buffer = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      fs.appendFileSync(logFile, line + '\n');
      try {
        if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7));
        else if (line.startsWith('PROGRESS ')) lastProgress = JSON.parse(line.slice(9));
      } catch { /* a torn line; keep the previous figures */ }
    }
  });
  let timedOut = false;
  const watchdog = setTimeout(() => { timedOut = true; killGroup(child, 'SIGKILL'); }, limitSecs * 1000);
  const progressTimer = setInterval(() => {
    if (lastProgress) say(`  ${target} ${tag}: ${JSON.stringify(brief(lastProgress))}`);
  }, 30_000);
  const exit = await child.exitPromise;
  clearTimeout(watchdog);
  clearInterval(progressTimer);
  await sleep(50); // let the last stdout chunk arrive
  const figures = result ?? { ...(lastProgress ?? { workload: mode }), ok: false, partial: true };
  if (timedOut) figures.error = `watchdog: no result within ${limitSecs} s; figures are from the last progress report`;
  else if (!result) figures.error = `workload process exited (${JSON.stringify(exit)}) without a result: ${tail(logFile, 400)}`;
  figures.wall_secs = Number(((Date.now() - t0) / 1000).toFixed(1));
  figures.settle_secs = settled;
  const cpu1 = { server: cpuSeconds(server.pid), store: cpuSeconds(store.pid) };
  figures.cpu_secs = {
    server: cpu0.server === null || cpu1.server === null ? null : Number((cpu1.server - cpu0.server).toFixed(2)),
    store: cpu0.store === null || cpu1.store === null ? null : Number((cpu1.store - cpu0.store).toFixed(2)),
  };
  if (server.exited) figures.server_exited = server.exited;
  if (store.exited) figures.store_exited = store.exited;
  return figures;
}

const brief = (p) => {
  const keep = ['phase', 'done', 'ops', 'ops_per_s', 'elapsed_s', 'submitted', 'acked', 'errors', 'pending_messages'];
  return Object.fromEntries(Object.entries(p).filter(([k]) => keep.includes(k)));
};

async function runTarget(name, store, results) {
  const entry = { label: LABELS[name], workloads: {} };
  results.targets[name] = entry;
  let server;
  try {
    say(`starting ${LABELS[name]}`);
    server = await startTarget(name, store.port);
    entry.url = server.publicUrl;
    if (workloads.includes('warmup')) {
      // Both runtimes (JVM, V8) get the same short warm-up of both code paths (sequential ops, and
      // concurrent ops that need transforming), so no measured workload pays for JIT compilation.
      say(`${name}: warm-up (${warmupOps} trace ops, then ${warmupHotSecs} s of hot with 10 authors, on throwaway documents)`);
      if (warmupOps > 0) entry.workloads.warmup = await runWorkload(name, server, store, 'trace', ['--ops', String(warmupOps), ...traceFileArgs], 180, 'warmup');
      if (warmupHotSecs > 0) {
        entry.workloads['warmup-hot'] = await runWorkload(name, server, store, 'hot', ['--writers', '10', '--secs', String(warmupHotSecs), '--drain-secs', '30'],
          120 + warmupHotSecs, 'warmup-hot');
      }
    }
    if (workloads.includes('hot')) {
      for (const w of hotWriters(name)) {
        say(`${name}: hot ${w} authors x ${hotSecs} s`);
        const drain = 60;
        const figures = await runWorkload(name, server, store, 'hot', ['--writers', String(w), '--secs', String(hotSecs), '--drain-secs', String(drain)],
          Math.ceil(90 + w * 0.5 + hotSecs + drain + 30), `hot${w}`);
        entry.workloads[`hot${w}`] = figures;
        say(`${name}: hot ${w} -> ${summary(figures)}`);
      }
    }
    if (workloads.includes('large')) {
      say(`${name}: large (${largeSizes.join(', ')} characters, ${largeOps} edits each)`);
      entry.workloads.large = await runWorkload(name, server, store, 'large', ['--ops', String(largeOps), '--sizes', largeSizes.join(',')],
        Math.ceil(120 + largeOps * largeSizes.length * 0.06), 'large');
      say(`${name}: large -> ${summary(entry.workloads.large)}`);
    }
    if (workloads.includes('trace')) {
      const n = traceOps(name);
      const traceArgs = [...(n > 0 ? ['--ops', String(n)] : []), ...traceFileArgs];
      const expectedOps = n > 0 ? n : 259_778;
      say(`${name}: trace (${n > 0 ? n + ' ops' : 'full'})`);
      entry.workloads.trace = await runWorkload(name, server, store, 'trace', traceArgs, Math.ceil(120 + expectedOps / 250), 'trace');
      say(`${name}: trace -> ${summary(entry.workloads.trace)}`);
    }
    if (workloads.includes('trace-reconnect') && reconnectTargets.includes(name)) {
      say(`${name}: trace, first ${reconnectOps} ops, a fresh connection every ${reconnectEvery} ops (diagnostic)`);
      entry.workloads['trace-reconnect'] = await runWorkload(name, server, store, 'trace',
        ['--ops', String(reconnectOps), '--reconnect-every', String(reconnectEvery), ...traceFileArgs], Math.ceil(120 + reconnectOps / 250), 'trace-reconnect');
      say(`${name}: trace-reconnect -> ${summary(entry.workloads['trace-reconnect'])}`);
    }
  } catch (err) {
    entry.error = err.message;
    say(`${name}: FAILED: ${err.message}`);
  } finally {
    if (server) {
      entry.server_exited_during_run = server.exited ?? null;
      entry.stop = await stop(server);
      entry.log = server.logFile;
      entry.log_trouble = logTrouble(server.logFile);
    }
  }
}

function summary(f) {
  if (!f) return 'no figures';
  const bits = [f.ok ? 'ok' : f.error ? 'DID NOT FINISH' : 'CHECKS FAILED'];
  if (f.error) bits.push(f.error.slice(0, 300));
  if (f.workload === 'trace') bits.push(`${f.done}/${f.ops} ops, ${f.ops_per_s} ops/s, ack p50 ${f.ack?.p50_ms} p99 ${f.ack?.p99_ms} ms, text ${f.fetched_text_ok === undefined ? 'not checked' : f.fetched_text_ok ? 'correct' : 'WRONG'}`);
  if (f.workload === 'hot') bits.push(`${f.acked} acked, ${f.ops_per_s} ops/s, ack p99 ${f.ack?.p99_ms} ms, remote p99 ${f.remote?.p99_ms} ms, errors ${f.errors}, converged ${f.converged}`);
  if (f.workload === 'large') bits.push((f.sizes ?? []).map((s) => `${s.size}: ack p50 ${s.ack?.p50_ms} p99 ${s.ack?.p99_ms} ms`).join('; '));
  return bits.join(' | ');
}

// ---- the table -------------------------------------------------------------------------------------------

const fmt = (x, digits = 2) => {
  if (x === null || x === undefined || Number.isNaN(x)) return '-';
  if (typeof x === 'boolean') return x ? 'yes' : 'NO';
  if (typeof x !== 'number') return String(x);
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(digits);
};
const sizeName = (s) => (s >= 1e6 ? `${s / 1e6} MB` : s >= 1e3 ? `${s / 1e3} KB` : `${s} B`);
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null);
const fmtRatio = (q) => (q === null ? '-' : q > 0 && q < 0.01 ? q.toPrecision(2) : fmt(q));

/** Ops/s over the first `k` ops, from a trace result's checkpoints (null when it did not get that far). */
const opsPerSecAt = (f, k) => f?.checkpoints?.find((c) => c.ops === k)?.ops_per_s ?? null;

function buildRows(results) {
  const cols = targets;
  const get = (t, ...keys) => keys.reduce((o, k) => (o === null || o === undefined ? null : o[k]), results.targets[t]?.workloads);
  const rows = [];
  // A row: label, one value (or [v1, v2]) per target; ratios are computed per component.
  const row = (label, pick, { compare = true, digits } = {}) => {
    rows.push({ label, values: cols.map((t) => pick(t)), compare, digits });
  };
  const status = (f) => (!f ? null : f.ok ? 'ok' : f.error ? `FAILED (${f.error.startsWith('watchdog') ? 'timeout' : 'error'})` : 'FAILED');

  if (workloads.includes('trace')) {
    row('trace: ops replayed', (t) => {
      const f = get(t, 'trace');
      if (!f) return null;
      return `${fmt(f.done)}${f.capped ? ' (cap)' : ' (full)'}`;
    }, { compare: false });
    row('trace: ops/s, whole replay', (t) => get(t, 'trace', 'ops_per_s'));
    const caps = cols.map((t) => get(t, 'trace', 'done')).filter((n) => typeof n === 'number' && n > 0);
    const common = caps.length ? Math.min(...caps) : 0;
    const prefixes = [1000, common].filter((k, i, a) => k > 0 && a.indexOf(k) === i);
    for (const k of prefixes) row(`trace: ops/s, first ${fmt(k)} ops`, (t) => opsPerSecAt(get(t, 'trace'), k));
    row('trace: ack p50 / p99 ms', (t) => [get(t, 'trace', 'ack', 'p50_ms'), get(t, 'trace', 'ack', 'p99_ms')]);
    row('trace: final text correct', (t) => {
      const f = get(t, 'trace');
      if (!f || f.fetched_text_ok === undefined) return f ? status(f) : null;
      return `${f.fetched_text_ok && f.author_text_ok ? 'yes' : 'NO'} (${f.expected_from === 'endContent' ? 'endContent' : 'prefix'})`;
    }, { compare: false });
  }
  if (workloads.includes('trace-reconnect') && cols.some((t) => get(t, 'trace-reconnect'))) {
    const k = 'trace-reconnect';
    const every = reconnectEvery;
    row(`trace, new connection every ${every} ops: ops/s`, (t) => get(t, k, 'ops_per_s'));
    row(`trace, new connection every ${every} ops: ack p50 / p99`, (t) => [get(t, k, 'ack', 'p50_ms'), get(t, k, 'ack', 'p99_ms')]);
    row(`trace, new connection every ${every} ops: text ok`, (t) => {
      const f = get(t, k);
      if (!f || f.fetched_text_ok === undefined) return f ? status(f) : null;
      return `${fmt(f.done)} ops ${f.fetched_text_ok && f.author_text_ok ? 'yes' : 'NO'}`;
    }, { compare: false });
  }
  if (workloads.includes('hot')) {
    const all = [...new Set(cols.flatMap((t) => hotWriters(t)))].sort((a, b) => b - a);
    for (const w of all) {
      const k = `hot${w}`;
      row(`hot ${w}: acked ops/s`, (t) => get(t, k, 'ops_per_s'));
      row(`hot ${w}: submit->ack p50 / p99 ms`, (t) => [get(t, k, 'ack', 'p50_ms'), get(t, k, 'ack', 'p99_ms')]);
      row(`hot ${w}: submit->remote p50 / p99 ms`, (t) => [get(t, k, 'remote', 'p50_ms'), get(t, k, 'remote', 'p99_ms')]);
      row(`hot ${w}: ack p99 ms per 5 s`, (t) => (get(t, k, 'ack_p99_by_5s') ?? null)?.map((x) => fmt(x, 1)).join(' '), { compare: false });
      row(`hot ${w}: errors / never acked`, (t) => (get(t, k) ? [get(t, k, 'errors'), get(t, k, 'never_acked')] : null), { compare: false, digits: 0 });
      row(`hot ${w}: converged`, (t) => {
        const f = get(t, k);
        if (!f) return null;
        if (f.converged === undefined) return status(f);
        return f.converged ? 'yes' : 'NO';
      }, { compare: false });
    }
  }
  if (workloads.includes('large')) {
    const sizes = largeSizes;
    const name = sizeName;
    for (const [i, s] of sizes.entries()) {
      row(`large ${name(s)}: ack p50 / p99 ms`, (t) => [get(t, 'large', 'sizes', i, 'ack', 'p50_ms'), get(t, 'large', 'sizes', i, 'ack', 'p99_ms')]);
      row(`large ${name(s)}: ops/s`, (t) => get(t, 'large', 'sizes', i, 'ops_per_s'));
    }
    if (sizes.length >= 2) {
      row(`large: ${name(sizes.at(-1))} / ${name(sizes[0])} ack p50 / p99`, (t) => [get(t, 'large', 'ratio_ack_p50'), get(t, 'large', 'ratio_ack_p99')]);
      row(`large: client's own apply p50 ms ${name(sizes[0])} / ${name(sizes.at(-1))}`,
        (t) => [get(t, 'large', 'sizes', 0, 'client_apply', 'p50_ms'), get(t, 'large', 'sizes', sizes.length - 1, 'client_apply', 'p50_ms')], { compare: false });
    }
  }
  row('workloads not ok', (t) => {
    const w = results.targets[t]?.workloads;
    if (!w) return results.targets[t]?.error ? 'target failed' : null;
    const failed = Object.entries(w).filter(([, f]) => !f.ok).map(([k]) => k);
    return failed.length ? failed.join(', ') : 'none';
  }, { compare: false });
  row('server log: warn/error lines', (t) => results.targets[t]?.log_trouble?.lines ?? null, { compare: false, digits: 0 });
  return rows;
}

function renderTable(rows) {
  const cols = targets;
  const ratioCols = cols.includes('sharedb') ? cols.filter((t) => t !== 'sharedb') : [];
  const header = ['workload / figure', ...cols.map((t) => LABELS[t]), ...ratioCols.map((t) => `${t} ÷ ShareDB`)];
  const cell = (v, digits) => (Array.isArray(v) ? v.map((x) => fmt(x, digits)).join(' / ') : fmt(v, digits));
  const lines = rows.map((r) => {
    const ref = r.values[cols.indexOf('sharedb')];
    const ratios = ratioCols.map((t) => {
      if (!r.compare) return '';
      const v = r.values[cols.indexOf(t)];
      if (Array.isArray(v) && Array.isArray(ref)) return v.map((x, i) => fmtRatio(ratio(x, ref[i]))).join(' / ') + '×';
      const q = ratio(v, ref);
      return q === null ? '-' : `${fmtRatio(q)}×`;
    });
    return [r.label, ...r.values.map((v) => cell(v, r.digits)), ...ratios];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const pad = (cells) => '| ' + cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ') + ' |';
  return [pad(header), '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|', ...lines.map(pad)].join('\n');
}

/** The issue's three goals, judged from the figures (for our server on the wire store, and embedded). */
function judgeGoals(results) {
  const out = [];
  const ref = results.targets.sharedb?.workloads;
  for (const t of targets.filter((x) => x !== 'sharedb')) {
    const w = results.targets[t]?.workloads ?? {};
    const tr = w.trace;
    if (tr && ref?.trace) {
      const refRate = ref.trace.ops_per_s;
      const full = tr.done === tr.total_ops && !tr.capped;
      const q = ratio(tr.ops_per_s, refRate);
      const correct = tr.fetched_text_ok && tr.author_text_ok;
      const met = full && correct && q !== null && q >= 3;
      out.push(`${t}: trace ${full ? 'full' : `capped at ${tr.done}`} at ${fmt(tr.ops_per_s)} ops/s vs ShareDB ${fmt(refRate)} ops/s`
        + ` (${ref.trace.capped ? `its first ${fmt(ref.trace.done)} ops` : 'full'}) = ${fmt(q)}×, text ${correct ? 'correct' : 'WRONG'}`
        + ` -> goal >= 3× with correct text: ${met ? 'MET' : 'NOT MET'}`);
    }
    const h = w.hot50;
    if (h) {
      const met = h.ok && typeof h.ack?.p99_ms === 'number' && h.ack.p99_ms < 25;
      out.push(`${t}: hot 50 authors ack p99 ${fmt(h.ack?.p99_ms)} ms (errors ${h.errors ?? '-'}, converged ${h.converged ?? '-'}) -> goal < 25 ms: ${met ? 'MET' : 'NOT MET'}`);
    }
    const l = w.large;
    if (l && l.ratio_ack_p50 !== undefined) {
      const met = l.ok && l.ratio_ack_p50 <= 2 && l.ratio_ack_p99 <= 2;
      out.push(`${t}: large per-op ack ${sizeName(largeSizes.at(-1))} / ${sizeName(largeSizes[0])} = ${fmt(l.ratio_ack_p50)}× (p50), ${fmt(l.ratio_ack_p99)}× (p99) -> goal within 2×: ${met ? 'MET' : 'NOT MET'}`);
    }
  }
  const h10 = ref?.hot10;
  if (h10) out.push(`sharedb: hot 10 authors ack p99 ${fmt(h10.ack?.p99_ms)} ms (the issue says over 2 s "here")`);
  return out;
}

// ---- main ------------------------------------------------------------------------------------------------

const results = {
  started: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, mem_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, java: null },
  options: { targets, workloads, trace_ops: Object.fromEntries(targets.map((t) => [t, traceOps(t) || 'full'])),
    hot_writers: Object.fromEntries(targets.map((t) => [t, hotWriters(t)])), hot_secs: hotSecs, large_ops: largeOps, large_sizes: largeSizes,
    jar: opt.jar, jar_copy: jar, jar_mtime: fs.statSync(opt.jar).mtime.toISOString(), wire_store: opt['wire-data-dir'] ? `on disk in ${opt['wire-data-dir']}` : 'in memory' },
  log_dir: logDir,
  targets: {},
};
{
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  results.machine.java = `${java.stderr || ''}${java.stdout || ''}`.split('\n')[0] || null;
}

const t0 = Date.now();
say(`logs in ${logDir}`);
let store;
try {
  store = await startWireStore();
  results.wire_store_port = store.port;
  say(`wire store on 127.0.0.1:${store.port} (${results.options.wire_store})`);
  for (const t of targets) {
    await runTarget(t, store, results);
    if (store.exited) throw new Error(`the wire store exited during ${t}: ${JSON.stringify(store.exited)}`);
  }
} catch (err) {
  results.error = err.message;
  say(`FAILED: ${err.message}`);
} finally {
  if (store) {
    await stop(store);
    results.wire_store_log_trouble = logTrouble(store.logFile);
  }
}
results.total_secs = Math.round((Date.now() - t0) / 1000);

const rows = buildRows(results);
results.table = rows.map((r) => ({ figure: r.label, ...Object.fromEntries(targets.map((t, i) => [t, r.values[i]])) }));
results.goals = judgeGoals(results);

const notes = [];
for (const t of targets) {
  const f = results.targets[t]?.workloads?.trace;
  if (f?.capped) notes.push(`${t}: trace capped at ${fmt(f.ops)} of ${fmt(f.total_ops)} edits (--trace-ops-${t}); compare ops/s on the common prefix row.`);
}
if (workloads.includes('trace') && (targets.includes('ours-wire') || targets.includes('ours-embedded'))) {
  notes.push('our server limits each connection to a burst of 10,000 messages, then 5,000/s (AgentLimits.DEFAULT), above what a one-op-in-flight replay reaches here.');
}
if (targets.includes('sharedb') && workloads.includes('hot')) {
  notes.push('order per target: warm-up, hot, large, trace. sharedb-mongo reads the ops collection on every concurrent submit, and the Mongo-wire store has no non-unique indexes (mongo-java-server ships only unique ones), so each of those reads scans every op in the database: ShareDB slows down as its database fills. Hot runs first, so that it sees only the warm-up\'s ops, not the trace\'s 260k.');
}
if (workloads.includes('large')) notes.push('large: ack timed from the return of the stock client\'s submitOp (local apply done, message sent) to the ack, in batches of 500 edits on fresh connections; the client\'s own apply time is the last large row.');
notes.push(`wire store: ${results.options.wire_store}${targets.includes('ours-embedded') ? `; ours-embedded fsyncs every group commit to ${os.tmpdir()}` : ''}.`);

const out = [];
out.push('');
out.push(`Policy Collab vs stock ShareDB — ${results.started}, ${results.machine.cpus} cores (${results.machine.cpu_model}), Node ${process.version}, ${results.machine.java}`);
out.push('');
out.push(renderTable(rows));
out.push('');
out.push('Goals:');
for (const g of results.goals) out.push(`  - ${g}`);
if (!results.goals.length) out.push('  (no goal workload ran)');
out.push('Notes:');
for (const n of notes) out.push(`  - ${n}`);
for (const t of targets) {
  const e = results.targets[t];
  if (e?.error) out.push(`  - ${t} FAILED to run: ${e.error}`);
  for (const [k, f] of Object.entries(e?.workloads ?? {})) {
    if (!f.ok) out.push(`  - ${t} ${k} not ok: ${summary(f)}${f.fetched_mismatch ? ' | mismatch ' + JSON.stringify(f.fetched_mismatch) : ''}${f.first_error ? ' | first error: ' + f.first_error + ' | errors by code: ' + JSON.stringify(f.error_codes) : ''}${f.first_doc_error ? ' | first doc error: ' + f.first_doc_error : ''}${f.transport?.first ? ' | transport: ' + f.transport.first : ''}`);
  }
  if (e?.log_trouble?.lines) out.push(`  - ${t} server log has ${e.log_trouble.lines} warn/error lines, first: ${e.log_trouble.first} (${e.log})`);
}
if (results.error) out.push(`  - run FAILED: ${results.error}`);
out.push(`Total ${results.total_secs} s; logs in ${logDir}`);
results.notes = notes;
process.stdout.write(out.join('\n') + '\n');

if (opt.out) {
  fs.writeFileSync(path.resolve(opt.out), JSON.stringify(results, null, 2) + '\n');
  say(`figures written to ${path.resolve(opt.out)}`);
}
// Exit status: non-zero when the run broke or one of OUR targets failed a workload or its checks. The stock
// server failing its own checks (errors, no convergence under load) is a figure, reported in the table.
const failed = results.error || targets.some((t) => results.targets[t]?.error
  || (t !== 'sharedb' && Object.values(results.targets[t]?.workloads ?? {}).some((f) => !f.ok)));
killEverything();
process.exit(failed ? 1 : 0);
