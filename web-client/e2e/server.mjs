/**
 * The server under test, one instance per test file: started on a free loopback port in a fresh temporary
 * data directory, stopped (SIGTERM), killed (SIGKILL) and restarted on the same port and data directory.
 *
 *   E2E_TARGET=jar (default)  java -jar <repo>/server/target/collab-server.jar --host 127.0.0.1 --port P
 *                             --data-dir DIR; ready once GET /health answers 200.
 *   E2E_TARGET=ref            the stock ShareDB server (../shared/tools/ref-sharedb-server.js), to develop the
 *                             suite against; ready once its TCP port accepts. It keeps documents in memory
 *                             unless E2E_MONGO_URL names a Mongo(-wire) server, so restarts lose them.
 *
 * Both serve the ShareDB WebSocket at ws://127.0.0.1:P/ws (the stock server accepts any path).
 * `startServer({ mongoUri })` runs the jar on a Mongo(-wire) database (--mongo-uri) instead of a data dir.
 *
 * Helper processes, with the same hygiene: startWireStore() (the jar's WireServerMain, an in-memory
 * Mongo-wire store) and startReferenceServer(mongoUrl) (web-client/bench/reference-server.mjs, the stock
 * ShareDB server with sharedb-mongo), both on free loopback ports.
 *
 * Other knobs: E2E_JAR (jar path), E2E_SHARED_DIR (default <repo>/../shared), E2E_START_TIMEOUT_MS (60000),
 * E2E_SERVER_LOG=1 (copy the server's output to this process's stderr), E2E_KEEP_DATA=1 (keep data dirs).
 *
 * Every process started here is killed when this process exits, however it exits short of SIGKILL.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..', '..');
export const TARGET = process.env.E2E_TARGET || 'jar';
export const IS_REF = TARGET === 'ref';
export const MONGO_URL = process.env.E2E_MONGO_URL || '';
export const JAR = process.env.E2E_JAR || path.join(REPO_ROOT, 'server', 'target', 'collab-server.jar');
const SHARED_DIR = process.env.E2E_SHARED_DIR || path.resolve(REPO_ROOT, '..', 'shared');
const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_MS || 60_000);
const STOP_TIMEOUT_MS = 15_000;
const OUTPUT_KEEP_CHARS = 64 * 1024;

if (!['jar', 'ref'].includes(TARGET)) throw new Error(`E2E_TARGET must be "jar" or "ref", got "${TARGET}"`);

/** Whether documents survive a restart of this target (the reference server needs a Mongo URL for that). */
export const PERSISTENT = !IS_REF || MONGO_URL !== '';

// ---- process hygiene: nothing we start may outlive this process ---------------------------------------

const live = new Set(); // ChildProcess objects still running
const dataDirs = new Set(); // temp data dirs not yet removed
const KEEP_DATA = !!process.env.E2E_KEEP_DATA;

function removeDataDir(dir) {
  dataDirs.delete(dir);
  if (!KEEP_DATA) { try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ } }
}

function killGroup(child, signal) {
  // Each server runs in its own process group (detached), so helpers it starts go down with it.
  try { process.kill(-child.pid, signal); } catch { try { child.kill(signal); } catch { /* gone */ } }
}

function killEverything() {
  for (const child of live) killGroup(child, 'SIGKILL');
  for (const dir of [...dataDirs]) removeDataDir(dir);
}
process.on('exit', killEverything);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killEverything();
    process.exit(128 + os.constants.signals[signal]);
  });
}

/**
 * A test process killed outright (SIGKILL) runs no exit handler, so each server also gets a reaper: a tiny
 * detached Node process that kills the server's process group once this process is gone, and quits by
 * itself when the server has exited.
 */
const REAPER = `
const [watched, group, dir] = [Number(process.argv[1]), Number(process.argv[2]), process.argv[3]];
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const zombie = (pid) => { try { return /^\\d+ \\(.*\\) Z/.test(require('fs').readFileSync('/proc/' + pid + '/stat', 'utf8')); } catch { return false; } };
const timer = setInterval(() => {
  if (!alive(-group)) process.exit(0);
  if (!alive(watched) || zombie(watched)) {
    clearInterval(timer);
    try { process.kill(-group, 'SIGKILL'); } catch {}
    setTimeout(() => { if (dir) try { require('fs').rmSync(dir, { recursive: true, force: true }); } catch {} }, 500);
  }
}, 500);`;

function startReaper(child, dataDir) {
  try {
    const args = ['-e', REAPER, String(process.pid), String(child.pid), KEEP_DATA ? '' : dataDir];
    const reaper = spawn(process.execPath, args, { detached: true, stdio: 'ignore' });
    reaper.on('error', () => {});
    reaper.unref();
  } catch { /* best effort */ }
}

/**
 * Last resort against a hang: after `seconds`, kill every server and exit this test file with status 1.
 * The timer is unref'd, so it never keeps a finished process alive.
 */
export function armWatchdog(seconds, what) {
  const timer = setTimeout(() => {
    process.stderr.write(`\n[e2e] watchdog: ${what} still running after ${seconds} s; killing servers and exiting\n`);
    for (const child of live) killGroup(child, 'SIGKILL');
    process.exit(1);
  }, seconds * 1000);
  timer.unref();
  return timer;
}

// ---- helpers ------------------------------------------------------------------------------------------

/** A free loopback TCP port: listen on port 0, read the port, close. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function httpStatus(url, timeoutMs) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('timeout', () => { req.destroy(); resolve(0); });
    req.on('error', () => resolve(0));
  });
}

function tcpOpen(port, timeoutMs) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => { sock.destroy(); resolve(ok); };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.on('connect', () => done(true));
    sock.on('error', () => done(false));
  });
}

// ---- the server under test ----------------------------------------------------------------------------

/**
 * The administrator's password on every server started here (COLLAB_ADMIN_PASSWORD); a test may override
 * it through `env`. Only for throwaway test stores.
 */
export const TEST_ADMIN_PASSWORD = 'e2e-admin-password-not-a-secret';

export class ServerUnderTest {
  /** `mongoUri` (optional): the jar runs on that Mongo(-wire) database (`--mongo-uri`) instead of `--data-dir`. */
  constructor({ port, dataDir, mongoUri = null, extraArgs = [], env = {} }) {
    this.target = TARGET;
    this.port = port;
    this.dataDir = dataDir;
    this.mongoUri = mongoUri;
    this.extraArgs = extraArgs;
    this.env = { COLLAB_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env };
    this.adminToken = null; // signed in as admin after each start, when the admin password is the test one
    this.child = null;
    this.exited = null; // Promise<{code, signal}> of the current process
    this.lastExit = null;
    this.output = ''; // tail of stdout + stderr, across restarts
    this.starts = 0;
  }

  /** The ShareDB WebSocket, signed in as admin (the token as `access_token`, as scripts pass it). */
  get wsUrl() {
    return this.adminToken ? `${this.plainWsUrl}?access_token=${encodeURIComponent(this.adminToken)}` : this.plainWsUrl;
  }
  /** The WebSocket with no session: the server refuses it. */
  get plainWsUrl() { return `ws://127.0.0.1:${this.port}/ws`; }
  /** The WebSocket for another user's token. */
  wsUrlFor(token) { return `${this.plainWsUrl}?access_token=${encodeURIComponent(token)}`; }
  get baseUrl() { return `http://127.0.0.1:${this.port}`; }
  get healthUrl() { return `http://127.0.0.1:${this.port}/health`; }
  get running() { return this.child !== null; }

  /** The last `lines` lines the server wrote (stdout and stderr). */
  outputTail(lines = 40) {
    return this.output.split('\n').slice(-lines - 1).join('\n').trimEnd();
  }

  command() {
    if (IS_REF) {
      const script = path.join(SHARED_DIR, 'tools', 'run-node.sh');
      if (!fs.existsSync(script)) throw new Error(`E2E_TARGET=ref needs ${script} (set E2E_SHARED_DIR)`);
      const mongo = this.mongoUri || MONGO_URL;
      return { cmd: script, args: ['ref-sharedb-server.js', String(this.port), ...(mongo ? [mongo] : [])] };
    }
    if (!fs.existsSync(JAR)) {
      throw new Error(`${JAR} does not exist: build it with \`mvn -q -DskipTests package\` in ${REPO_ROOT}, `
        + 'or run the suite against the stock server with E2E_TARGET=ref');
    }
    return {
      cmd: 'java',
      args: ['-jar', JAR, '--host', '127.0.0.1', '--port', String(this.port),
        ...(this.mongoUri ? ['--mongo-uri', this.mongoUri] : ['--data-dir', this.dataDir]), ...this.extraArgs],
    };
  }

  /** One readiness probe: GET /health answers 200 (the jar), or the TCP port accepts (ref). */
  async isReady() {
    return IS_REF ? tcpOpen(this.port, 1000) : (await httpStatus(this.healthUrl, 1000)) === 200;
  }

  /** What `isReady` waits for, for the timeout message. */
  readiness() {
    return IS_REF ? `TCP port ${this.port}` : `GET ${this.healthUrl} != 200`;
  }

  append(chunk) {
    this.output += chunk.toString();
    if (this.output.length > OUTPUT_KEEP_CHARS) this.output = this.output.slice(-OUTPUT_KEEP_CHARS);
    if (process.env.E2E_SERVER_LOG) process.stderr.write(chunk);
  }

  /** Starts the process and waits until it is ready; throws (with the output tail) when it is not. */
  async start() {
    if (this.child) throw new Error('server already running');
    const { cmd, args } = this.command();
    this.starts++;
    this.append(`[e2e] start #${this.starts}: ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, {
      cwd: this.dataDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...this.env },
    });
    this.child = child;
    live.add(child);
    if (child.pid) startReaper(child, this.dataDir);
    child.stdout.on('data', (d) => this.append(d));
    child.stderr.on('data', (d) => this.append(d));
    this.exited = new Promise((resolve) => {
      const gone = (code, signal) => {
        if (!live.delete(child)) return;
        this.lastExit = { code, signal };
        if (this.child === child) this.child = null;
        this.append(`[e2e] server exited (code ${code}, signal ${signal})\n`);
        resolve({ code, signal });
      };
      child.on('error', (err) => { this.append(`[e2e] cannot run ${cmd}: ${err.message}\n`); gone(null, null); });
      child.on('exit', gone);
    });

    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (this.child !== child) {
        throw new Error(`${this.target} server exited before it was ready (code ${this.lastExit?.code}, `
          + `signal ${this.lastExit?.signal}); its output ends with:\n${this.outputTail()}`);
      }
      if (await this.isReady()) {
        await this.signInAdmin();
        return this;
      }
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`${this.target} server not ready within ${START_TIMEOUT_MS} ms `
          + `(${this.readiness()}); `
          + `its output ends with:\n${this.outputTail()}`);
      }
      await sleep(100);
    }
  }

  /** Signs in as admin like any user would, when the admin's password is the test one. */
  async signInAdmin() {
    this.adminToken = null;
    if (IS_REF || this instanceof HelperProcess || this.env.COLLAB_ADMIN_PASSWORD !== TEST_ADMIN_PASSWORD) return;
    this.adminToken = (await this.signIn('admin', TEST_ADMIN_PASSWORD)).token;
  }

  /** POST /api/session; resolves to {token, cookie, user}, throws unless 200. */
  async signIn(username, password) {
    const response = await fetch(`${this.baseUrl}/api/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
    });
    const body = await response.json().catch(() => null);
    if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status} ${JSON.stringify(body)}`);
    const cookie = (response.headers.get('set-cookie') || '').split(';')[0];
    return { token: body.token, cookie, user: body.user };
  }

  /**
   * A JSON call to the HTTP API with a bearer token (the admin's unless given; `null` for none); resolves to
   * {status, body, headers} whatever the status.
   */
  async api(method, apiPath, body, token = this.adminToken) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${this.baseUrl}${apiPath}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /** Creates a user (as admin) and signs them in; resolves to {username, password, token, cookie, user}. */
  async newUser(username, { displayName = username, organisation = '', country = '', admin = false } = {}) {
    const password = `pw-${username}-0123456789`;
    const created = await this.api('POST', '/api/users', { username, password, displayName, organisation, country, admin });
    if (created.status !== 201) throw new Error(`creating ${username}: ${created.status} ${JSON.stringify(created.body)}`);
    return { username, password, ...(await this.signIn(username, password)) };
  }

  async signalAndWait(signal, timeoutMs) {
    const child = this.child;
    if (!child) return this.lastExit;
    killGroup(child, signal);
    let timer;
    const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve(null), timeoutMs); });
    const exit = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (exit) return exit;
    killGroup(child, 'SIGKILL');
    await this.exited;
    throw new Error(`${this.target} server did not exit within ${timeoutMs} ms of ${signal}; `
      + `its output ends with:\n${this.outputTail()}`);
  }

  /** SIGTERM and wait for the exit (SIGKILL and throw if it takes longer than 15 s). Returns {code, signal}. */
  stop() { return this.signalAndWait('SIGTERM', STOP_TIMEOUT_MS); }

  /** SIGKILL and wait for the exit. */
  kill() { return this.signalAndWait('SIGKILL', STOP_TIMEOUT_MS); }

  /** Same port, same data dir. Stops (SIGTERM) first if still running. */
  async restart() {
    if (this.child) await this.stop();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.start();
      } catch (err) {
        // The only retry: the port still held by the old process's sockets for a moment.
        const portBusy = /EADDRINUSE|address already in use|BindException/i.test(this.outputTail(10));
        if (!portBusy || attempt >= 5) throw err;
        await sleep(500);
      }
    }
  }

  /** Kills the process if still running (SIGTERM, then SIGKILL) and removes the data dir. Never throws. */
  async close() {
    try { if (this.child) await this.stop(); } catch { /* it was SIGKILLed */ }
    removeDataDir(this.dataDir);
  }
}

/**
 * A started server on a free port in a fresh temp data dir. With `mongoUri`, the server keeps its
 * documents in that Mongo(-wire) database instead (the data dir is then only its working directory).
 */
export async function startServer({ mongoUri = null, extraArgs = [], env = {} } = {}) {
  return started(new ServerUnderTest({ port: await freePort(), dataDir: tempDir(), mongoUri, extraArgs, env }));
}

/**
 * `count` cluster nodes of the jar (`--cluster` on loopback, each with its own Hazelcast port, all listing
 * each other) on the Mongo(-wire) database `mongoUri`. The first is started alone (it forms the cluster),
 * the others together; ready once every node's /health lists `count` serving nodes. Each node's
 * `clusterHealth()` returns its /health body.
 */
export async function startCluster({ mongoUri, count = 3 }) {
  if (IS_REF) throw new Error('the stock ShareDB server has no cluster mode');
  const clusterPorts = [];
  for (let i = 0; i < count; i++) clusterPorts.push(await freePort());
  const members = clusterPorts.map((p) => `127.0.0.1:${p}`).join(',');
  const sessionKey = `cluster-test-${process.pid}-${Date.now()}-signing-key`; // one for all nodes, as the docs say
  const nodes = [];
  for (let i = 0; i < count; i++) {
    const node = new ServerUnderTest({
      port: await freePort(),
      dataDir: tempDir(),
      mongoUri,
      extraArgs: ['--cluster', '--cluster-host', '127.0.0.1', '--cluster-port', String(clusterPorts[i]),
        '--cluster-members', members],
      env: { COLLAB_SESSION_KEY: sessionKey },
    });
    node.target = `cluster node ${i + 1}`;
    node.clusterHealth = () => httpJson(node.healthUrl, 2000);
    nodes.push(node);
  }
  await started(nodes[0]);
  await Promise.all(nodes.slice(1).map(started));
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (const node of nodes) {
    for (;;) {
      const health = await node.clusterHealth();
      if (Object.keys(health?.cluster?.serving ?? {}).length === count) break;
      if (Date.now() > deadline) {
        throw new Error(`${node.target} does not see ${count} serving nodes: ${JSON.stringify(health)}`);
      }
      await sleep(100);
    }
  }
  return nodes;
}

/** GET `url` as JSON; null when it fails or takes longer than `timeoutMs`. */
export function httpJson(url, timeoutMs) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => { try { resolve(JSON.parse(body)); } catch { resolve(null); } });
    });
    req.on('timeout', () => { req.destroy(); resolve(null); });
    req.on('error', () => resolve(null));
  });
}

function tempDir() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'collab-e2e-'));
  dataDirs.add(dataDir);
  return dataDir;
}

async function started(server) {
  try {
    await server.start();
  } catch (err) {
    await server.close();
    throw err;
  }
  return server;
}

// ---- helper processes: a Mongo-wire store, the stock ShareDB server on it ------------------------------

/**
 * Another process with the same hygiene as the server under test (own process group, reaper, killed at
 * exit, `stop`/`kill`/`restart`/`close`, output tail): `cmd args` in a fresh temp working dir, ready once
 * `ready(proc)` resolves truthy.
 */
export class HelperProcess extends ServerUnderTest {
  constructor({ name, port, cmd, args, ready, readiness }) {
    super({ port, dataDir: tempDir() });
    this.target = name;
    this.spec = { cmd, args };
    this.readyCheck = ready;
    this.readinessText = readiness;
  }

  command() { return this.spec; }
  isReady() { return this.readyCheck(this); }
  readiness() { return this.readinessText; }
}

/**
 * A Mongo-wire store from the server jar (`WireServerMain`, H2 MVStore) on a free loopback port, ready
 * once the port accepts. In memory, or with `persistent` in a file in its data dir, so that it can be
 * stopped and started again with what it had acknowledged. `store.mongoUrl(db)` names database `db` on it.
 */
export async function startWireStore({ persistent = false } = {}) {
  if (!fs.existsSync(JAR)) throw new Error(`${JAR} does not exist: build it with \`mvn -q -DskipTests package\` in ${REPO_ROOT}`);
  const port = await freePort();
  const fileDir = persistent ? tempDir() : null;
  const store = new HelperProcess({
    name: 'wire store',
    port,
    cmd: 'java',
    args: ['-cp', JAR, 'org.policycollab.store.WireServerMain', String(port), ...(fileDir ? [fileDir] : [])],
    ready: (proc) => tcpOpen(proc.port, 1000),
    readiness: `TCP port ${port}`,
  });
  store.mongoUrl = (db) => `mongodb://127.0.0.1:${port}/${db}`;
  return started(store);
}

/** The stock ShareDB server for benchmarks (sharedb 7.0.0 + sharedb-mongo 6.0.0), web-client/bench/. */
export const REFERENCE_SERVER = path.join(REPO_ROOT, 'web-client', 'bench', 'reference-server.mjs');

/**
 * `node bench/reference-server.mjs --port P --mongo MONGO_URL` on a free loopback port, ready once it
 * prints `sharedb reference listening on 127.0.0.1:P` (after it has connected to the store). Serves the
 * ShareDB WebSocket at `wsUrl` like the server under test.
 */
export async function startReferenceServer(mongoUrl) {
  const port = await freePort();
  const banner = `sharedb reference listening on 127.0.0.1:${port}`;
  const args = [REFERENCE_SERVER, '--port', String(port), ...(mongoUrl ? ['--mongo', mongoUrl] : [])];
  return started(new HelperProcess({
    name: 'reference (sharedb-mongo)',
    port,
    cmd: process.execPath,
    args,
    // The output is kept across restarts: only a banner printed by the current run counts.
    ready: (proc) => proc.output.slice(Math.max(0, proc.output.lastIndexOf('[e2e] start #'))).includes(banner),
    readiness: `"${banner}" on stdout`,
  }));
}
