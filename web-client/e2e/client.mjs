/**
 * Client-side helpers for the end-to-end suite: the stock ShareDB client (`sharedb/lib/client`, rich-text
 * registered) over `ws`, with a socket that can be dropped and re-bound the way an app's reconnecting
 * wrapper does it; promise wrappers with timeouts around every callback API; a raw WebSocket for
 * protocol-level checks; a seeded PRNG and random rich-text edits; canonical JSON.
 *
 * Nothing here waits without a bound: every helper that awaits the server takes a timeout (default
 * E2E_STEP_TIMEOUT_MS, 10 s) and rejects with a message naming what it waited for.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import Delta from 'quill-delta';
import richText from 'rich-text';
import ShareDB from 'sharedb/lib/client/index.js';
import WebSocket from 'ws';

ShareDB.types.register(richText.type);

/**
 * What the stock client logs (it warns instead of failing: an ack ahead of the doc's version, an
 * unrecognized message, a failed hard rollback...). Collected here instead of the console, so tests can
 * require it to be empty. `info` is only its debug tracing.
 */
export const clientLog = [];
const show = (a) => {
  if (typeof a === 'string') return a;
  if (a instanceof Error) return `${a.code ?? a.name}: ${a.message}`;
  try { return JSON.stringify(a); } catch { return String(a); }
};
const record = (level) => (...args) => { clientLog.push(`${level}: ${args.map(show).join(' ')}`); };
ShareDB.logger.setMethods({ warn: record('warn'), error: record('error') });

/**
 * Requires the stock client to have logged nothing (`strict`), or just reports what it logged. The stock
 * server makes it warn "Invalid version from server" when it acks a resent duplicate op with a bare ack
 * ahead of the client (protocol.md §4), so tests pass `strict = !IS_REF`.
 */
export function checkClientLog(t, strict) {
  const lines = clientLog.splice(0);
  if (lines.length) t.diagnostic(`the stock client logged ${lines.length} line(s); first: ${lines[0].slice(0, 300)}`);
  if (strict) assert.deepEqual(lines, [], 'the stock client logged warnings/errors');
}

export { Delta, ShareDB, WebSocket };
export const RICH_TEXT_URI = richText.type.uri; // http://sharejs.org/types/rich-text/v1
export const COLLECTION = 'docs';
export const STEP_TIMEOUT_MS = Number(process.env.E2E_STEP_TIMEOUT_MS || 10_000);
/** The per-test bound every test file passes to `it`/`test`. */
export const TEST_TIMEOUT_MS = Number(process.env.E2E_TEST_TIMEOUT_MS || 90_000);

// ---- time ---------------------------------------------------------------------------------------------

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection naming `what` after `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Calls `fn(callback)` and settles with the node-style callback's outcome, bounded by `ms`. */
export function callback(fn, what, ms = STEP_TIMEOUT_MS) {
  return withTimeout(new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value)))),
    ms, what);
}

/** Polls `predicate` every 20 ms until it is truthy; rejects after `ms` with `what` (a string or a function). */
export async function waitFor(predicate, what, ms = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = predicate();
    if (value instanceof Promise) throw new Error('waitFor takes a synchronous predicate; poll an async one in a loop');
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${typeof what === 'function' ? what() : what}`);
    }
    await sleep(20);
  }
}

// ---- the stock client over a re-bindable socket --------------------------------------------------------

const openClients = new Set();

/**
 * One stock ShareDB `Connection`. `drop()` loses the socket (the Connection stays, edits queue offline),
 * `reconnect()` binds a fresh socket to the same Connection, which then resends its inflight op with the
 * same src/seq and resubscribes: what an app's reconnecting-websocket wrapper does.
 */
export class Client {
  constructor(url, name = 'client') {
    this.url = url;
    this.name = name;
    this.errors = []; // 'error' events of the Connection
    this.ws = this.newSocket();
    this.conn = new ShareDB.Connection(this.ws);
    this.conn.on('error', (err) => this.errors.push(err));
    openClients.add(this);
  }

  newSocket() {
    const ws = new WebSocket(this.url);
    ws.on('error', () => { /* the close event follows; the Connection reports the state change */ });
    return ws;
  }

  get connected() { return this.conn.state === 'connected'; }

  /** Resolves once the handshake is done. */
  whenConnected(ms = STEP_TIMEOUT_MS) {
    return waitFor(() => this.connected, () => `${this.name} to connect to ${this.url} (state ${this.conn.state})`, ms);
  }

  /** Loses the connection: a clean close, or (`abrupt`) a TCP reset without a close frame. */
  drop(abrupt = false) {
    if (abrupt) this.ws.terminate(); else this.ws.close();
  }

  /** Binds a new socket to the same Connection. */
  reconnect() {
    this.ws = this.newSocket();
    this.conn.bindToSocket(this.ws);
  }

  /** Closes for good; never throws. */
  close() {
    openClients.delete(this);
    try { this.conn.close(); } catch { /* already closed */ }
    try { this.ws.terminate(); } catch { /* already closed */ }
  }

  doc(id, collection = COLLECTION) { return this.conn.get(collection, id); }
}

/** A connected client. */
export async function connect(url, name, ms = STEP_TIMEOUT_MS) {
  const client = new Client(url, name);
  await client.whenConnected(ms);
  return client;
}

/** Closes every client still open (call from `after`), so no socket keeps the test process alive. */
export function closeAllClients() {
  for (const client of [...openClients]) client.close();
}

// ---- promise wrappers around the Doc / Connection callback APIs ---------------------------------------

const docName = (doc) => `${doc.collection}/${doc.id}`;

/** A brand-new connection's fetch of `id` (no cached Doc), closed again; the fetched Doc. */
export async function freshFetch(url, id, name = 'fresh client') {
  const fresh = await connect(url, name);
  try {
    const doc = fresh.doc(id);
    await fetchDoc(doc);
    return doc;
  } finally {
    fresh.close();
  }
}

export const subscribe = (doc, ms) => callback((cb) => doc.subscribe(cb), `subscribe ${docName(doc)}`, ms);
export const fetchDoc = (doc, ms) => callback((cb) => doc.fetch(cb), `fetch ${docName(doc)}`, ms);
export const createDoc = (doc, data, ms) =>
  callback((cb) => doc.create(data, 'rich-text', cb), `create ${docName(doc)}`, ms);
/** Submits and resolves on the server's ack (rejects with the submit error). */
export const submitOp = (doc, op, ms) => callback((cb) => doc.submitOp(op, cb), `ack of an op on ${docName(doc)}`, ms);
export const whenNothingPending = (doc, ms = STEP_TIMEOUT_MS) =>
  withTimeout(new Promise((resolve) => doc.whenNothingPending(() => resolve())), ms,
    `${docName(doc)} to have nothing pending (inflight: ${!!doc.inflightOp}, pending: ${doc.pendingOps.length})`);
export const fetchSnapshot = (conn, id, version, ms) =>
  callback((cb) => conn.fetchSnapshot(COLLECTION, id, version, cb), `fetchSnapshot ${id} v${version}`, ms);
export const fetchSnapshotByTimestamp = (conn, id, ts, ms) =>
  callback((cb) => conn.fetchSnapshotByTimestamp(COLLECTION, id, ts, cb), `fetchSnapshotByTimestamp ${id} ${ts}`, ms);
export const subscribePresence = (presence, ms) =>
  callback((cb) => presence.subscribe(cb), `presence subscribe ${presence.channel}`, ms);
export const submitPresence = (localPresence, value, ms) =>
  callback((cb) => localPresence.submit(value, cb), `presence submit ${JSON.stringify(value)}`, ms);

// ---- raw protocol socket ------------------------------------------------------------------------------

/**
 * A bare WebSocket speaking ShareDB JSON, for what the stock client never sends. Keeps every received
 * message; `next(predicate)` returns the first unconsumed one matching.
 */
export class RawSocket {
  constructor(url) {
    this.url = url;
    this.received = []; // parsed messages not yet consumed, or {unparsable: text}
    this.waiters = [];
    this.closed = null; // {code, reason} once closed
    this.ws = new WebSocket(url);
    this.ws.on('error', () => {});
    this.ws.on('message', (data) => {
      let msg;
      try { msg = JSON.parse(data.toString()); } catch { msg = { unparsable: data.toString() }; }
      this.received.push(msg);
      this.wake();
    });
    this.ws.on('close', (code, reason) => { this.closed = { code, reason: reason.toString() }; this.wake(); });
    openRaw.add(this);
  }

  wake() { for (const w of [...this.waiters]) w(); }

  opened(ms = STEP_TIMEOUT_MS) {
    if (this.ws.readyState === WebSocket.OPEN) return Promise.resolve();
    return withTimeout(new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('close', (code) => reject(new Error(`socket to ${this.url} closed (${code}) before it opened`)));
    }), ms, `socket to ${this.url} to open`);
  }

  send(message) { this.ws.send(typeof message === 'string' ? message : JSON.stringify(message)); }

  /** The first received message matching `predicate` (removed from the buffer), within `ms`. */
  next(predicate, what, ms = STEP_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const i = this.received.findIndex(predicate);
        if (i >= 0) { finish(); resolve(this.received.splice(i, 1)[0]); return; }
        if (this.closed) {
          finish();
          reject(new Error(`connection closed (code ${this.closed.code}) while waiting for ${what}; `
            + `unconsumed: ${JSON.stringify(this.received)}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; unconsumed: ${JSON.stringify(this.received)}`));
      }, ms);
      const finish = () => { clearTimeout(timer); this.waiters = this.waiters.filter((w) => w !== check); };
      this.waiters.push(check);
      check();
    });
  }

  /** Waits for `init`, sends `hs` as the stock client does, waits for the `hs` reply. Returns it. */
  async handshake(ms = STEP_TIMEOUT_MS) {
    await this.opened(ms);
    const init = await this.next((m) => m.a === 'init', '"init"', ms);
    this.init = init;
    this.send({ a: 'hs', id: null, protocol: 1, protocolMinor: 2 });
    this.hs = await this.next((m) => m.a === 'hs', '"hs" reply', ms);
    return this.hs;
  }

  close() {
    openRaw.delete(this);
    try { this.ws.terminate(); } catch { /* closed */ }
  }
}
const openRaw = new Set();

/** Terminates every raw socket still open. */
export function closeAllRawSockets() {
  for (const raw of [...openRaw]) raw.close();
}

// ---- seeds and the PRNG -------------------------------------------------------------------------------

/** E2E_SEED if set, else a fresh random 31-bit seed. Tests put it in their names and failure messages. */
export function chooseSeed() {
  return process.env.E2E_SEED ? Number(process.env.E2E_SEED) : crypto.randomInt(1, 2 ** 31 - 1);
}

/** Runs `fn`, appending how to reproduce to any error it throws. */
export async function reportingSeed(seed, fn) {
  try {
    return await fn();
  } catch (err) {
    if (err && typeof err === 'object') {
      try { err.message = `${err.message}\n    (seed ${seed}: rerun with E2E_SEED=${seed})`; } catch { /* frozen */ }
    }
    throw err;
  }
}

/** mulberry32: small, fast, good enough for test data; same seed, same sequence. */
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n), // 0 .. n-1
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // lo .. hi
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

// ---- random rich-text edits ---------------------------------------------------------------------------

/** Words from around the Baltic and the North, emoji (surrogate pairs, a flag, a ZWJ sequence), newlines. */
export const WORDS = [
  'Itämeri ', 'Østersøen ', 'Ålands ', 'Þingvellir ', 'Rīga ', 'Klaipėda ', 'Šiauliai ', 'Võru ', 'Łeba ',
  'Göteborg ', 'fjørd ', 'sõnad ', 'ūdens ', 'žuvis ', 'Ærø ', 'Ísland ', 'čakste ', 'Ğ ',
  '🙂', '🌊 ', '🇪🇪', '👩‍💻 ', '🐟', 'policy ', 'recommendation ', '“quoted” ', '\n',
];
/** Attributes for inserts (no nulls: a fresh insert has nothing to remove). */
export const INSERT_ATTRS = [{ bold: true }, { italic: true }, { link: 'https://example.org/ä?x=1' }, { color: '#0a5' }];
/** Attributes for formatting retains, `null` = remove. */
export const FORMAT_ATTRS = [
  { bold: true }, { italic: true }, { bold: null }, { italic: null, underline: true }, { link: null },
  { header: 2 }, { header: null }, { color: '#c00', bold: true }, { link: 'https://example.org/ø' },
];
const EMBEDS = [{ image: 'https://example.org/kart.png' }, { formula: 'e^{iπ}' }];

/** The document as a string, an embed counting as one placeholder character (its length is 1). */
export function docText(data) {
  if (!data || !data.ops) return '';
  return data.ops.map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join('');
}

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

/** `i`, moved back by one if it would fall between the two halves of a surrogate pair. */
export function safeIndex(text, i) {
  if (i > 0 && i < text.length && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1))) return i - 1;
  return i;
}

/** True when `text` holds a lone surrogate (what a pair-splitting edit would leave behind). */
export function hasLoneSurrogate(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHigh(c)) { if (!isLow(text.charCodeAt(i + 1))) return true; i++; } else if (isLow(c)) return true;
  }
  return false;
}

/**
 * A random valid edit of `data` (a rich-text snapshot {ops}) as a plain op array: inserts of words and
 * emoji (some with attributes, a few embeds), deletes, and formatting retains with `null` removals.
 * Never cuts a surrogate pair.
 */
export function randomOp(rng, data) {
  const text = docText(data);
  const n = text.length;
  const r = rng.next();
  if (n < 8 || r < 0.5) {
    const at = safeIndex(text, rng.int(n + 1));
    const delta = new Delta().retain(at);
    if (rng.chance(0.04)) return delta.insert(rng.pick(EMBEDS), rng.chance(0.5) ? { width: 120 } : undefined).ops;
    const words = Array.from({ length: rng.range(1, 3) }, () => rng.pick(WORDS)).join('');
    return delta.insert(words, rng.chance(0.3) ? rng.pick(INSERT_ATTRS) : undefined).ops;
  }
  const start = safeIndex(text, rng.int(n));
  const end = safeIndex(text, Math.min(n, start + rng.range(1, 14)));
  if (end <= start) return new Delta().retain(start).insert(rng.pick(WORDS)).ops;
  if (r < 0.75) return new Delta().retain(start).delete(end - start).ops;
  return new Delta().retain(start).retain(end - start, rng.pick(FORMAT_ATTRS)).ops;
}

// ---- comparing documents ------------------------------------------------------------------------------

/** JSON with object keys sorted at every level: equal documents give equal strings. */
export function canonical(value) {
  return JSON.stringify(value, (_, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
    : v));
}

/**
 * Where two documents' canonical JSON first differ, with some context: a short failure message where a
 * full diff of two 60 KB documents would bury it. Null when equal.
 */
export function firstDifference(actual, expected) {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a === e) return null;
  let i = 0;
  while (i < a.length && i < e.length && a[i] === e[i]) i++;
  const from = safeIndex(e, Math.max(0, i - 80));
  const cut = (text) => text.slice(from, safeIndex(text, Math.min(text.length, i + 120)));
  return `lengths ${a.length} vs ${e.length}, first difference at ${i}:\n      got:  …${cut(a)}…`
    + `\n      want: …${cut(e)}…`;
}

/** A deep copy through JSON, as the server would see it. */
export const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
