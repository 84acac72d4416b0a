#!/usr/bin/env node
/**
 * Generates the parity fixtures for the Java port of quill-delta / rich-text
 * (server/ot). The expected values are computed by the REAL JavaScript
 * libraries, pinned exactly in web-client/package.json:
 *
 *   - quill-delta 4.2.2  (Delta.compose / transform / transformPosition /
 *                         invert / slice / concat / length / changeLength)
 *   - rich-text   4.1.0  (ShareDB OT type: type.apply / type.transform /
 *                         type.transformPresence)
 *
 * Output: server/ot/src/test/resources/parity/ot-parity.jsonl.gz
 *   gzipped JSON Lines, one case per line, each with a "kind" field:
 *     compose, apply, transform, richTextTransform, transformPosition,
 *     invert, transformPresence, slice, concat, length.
 *   Every Delta is written as {"ops":[...]} exactly as JSON.stringify gives it.
 *
 * Rerun (regenerates the file; the output is deterministic):
 *
 *   cd web-client && npm ci && npm run fixtures:ot
 *
 * Options (after `--` when run through npm, e.g. `npm run fixtures:ot -- --seed 7`):
 *   --seed N    PRNG seed (default DEFAULT_SEED below). Each kind gets its own
 *               sub-stream derived from the seed and the kind name.
 *   --scale F   multiply all case counts by F (default 1).
 *   --check     write nothing; exit 1 unless the committed file holds exactly
 *               what the libraries give now (CI runs this).
 *
 * Determinism: own seeded PRNG (mulberry32), no Math.random / Date, and
 * zlib.gzipSync(level 9) with a fixed gzip header (mtime 0, OS byte forced to
 * 3), so reruns with the same seed/scale give byte-identical output with the
 * same Node/zlib build. The summary also prints the sha256 of the
 * uncompressed JSONL, which is independent of the zlib build.
 *
 * Every case's inputs are deep-copied through JSON.parse(JSON.stringify(..))
 * before being handed to the libraries, so no object is shared between (or
 * inside) inputs: quill's AttributeMap.invert compares attribute values with
 * `!==`, so a shared reference would make two nested objects "equal", which a
 * port working from the JSON text cannot reproduce. The recorded inputs are a
 * separate copy, never touched by the libraries.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Delta from 'quill-delta';
import richText from 'rich-text';

const DEFAULT_SEED = 20251128;

const BASE_COUNTS = {
  compose: 6000,
  apply: 4000,
  transform: 3000, // pairs, written once per priority
  richTextTransform: 1500, // pairs, written once per side
  transformPosition: 3000,
  invert: 3000,
  transformPresence: 3000,
  slice: 300,
  concat: 300,
  length: 300,
};

const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const OUT_FILE = path.resolve(
  scriptDir,
  '../../server/ot/src/test/resources/parity/ot-parity.jsonl.gz',
);

// ---------------------------------------------------------------------------
// Arguments and library version guard
// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { seed: DEFAULT_SEED, scale: 1, check: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => {
      const v = inline !== undefined ? inline : argv[++i];
      if (v === undefined) throw new Error(`missing value for ${flag}`);
      return v;
    };
    if (flag === '--seed') {
      opts.seed = Number(value());
      if (!Number.isInteger(opts.seed)) throw new Error('--seed must be an integer');
    } else if (flag === '--scale') {
      opts.scale = Number(value());
      if (!(opts.scale > 0) || !Number.isFinite(opts.scale)) throw new Error('--scale must be > 0');
    } else if (flag === '--check') {
      opts.check = true;
    } else if (flag === '--help' || flag === '-h') {
      console.log('usage: node scripts/generate-ot-parity-fixtures.mjs [--seed N] [--scale F] [--check]');
      process.exit(0);
    } else {
      throw new Error(`unknown argument: ${arg}`);
    }
  }
  return opts;
}

function checkLibraryVersions() {
  const require = createRequire(import.meta.url);
  const qd = require('quill-delta/package.json').version;
  const rt = require('rich-text/package.json').version;
  if (qd !== '4.2.2' || rt !== '4.1.0') {
    throw new Error(`expected quill-delta 4.2.2 and rich-text 4.1.0, found ${qd} / ${rt}; run npm ci`);
  }
  if (richText.Delta !== Delta) {
    throw new Error('rich-text does not use the top-level quill-delta 4.2.2 (nested copy?); run npm ci');
  }
}

// ---------------------------------------------------------------------------
// Seeded PRNG
// ---------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fnv1a(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  /** integer in [lo, hi] inclusive */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }
  /** pairs: [[value, weight], ...] */
  weighted(pairs) {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }
  shuffle(arr) {
    const a = arr.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

// ---------------------------------------------------------------------------
// Random content
// ---------------------------------------------------------------------------

const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const NORDIC_BALTIC = [
  'ä', 'õ', 'ö', 'ü', 'š', 'ž', 'ł', 'ą', 'č', 'ę', 'ė', 'į', 'ų', 'ū',
  'å', 'ø', 'æ', 'ð', 'þ', 'Ä', 'Õ', 'Š', 'Ž', 'Ł', 'Å', 'Ø', 'Æ',
];
const CJK = ['中', '文', '中文'];
// 😀 = 2 units, 👍🏽 = 4 (two surrogate pairs), 🇪🇪/🇫🇮 = 4 (regional indicator pairs),
// 👩‍💻 = 5 (pair + ZWJ + pair).
const EMOJI = ['😀', '👍🏽', '🇪🇪', '🇫🇮', '👩‍💻'];

const TOKEN_CLASSES = [
  [ASCII, 38],
  [[' '], 9],
  [['\n'], 6],
  [NORDIC_BALTIC, 20],
  [CJK, 8],
  [EMOJI, 19],
];
const ONE_UNIT_CLASSES = [
  [ASCII, 5],
  [[' '], 1],
  [['\n'], 1],
  [NORDIC_BALTIC, 3],
  [['中', '文'], 1],
];

/** Well-formed UTF-16 string of 1..maxUnits code units built from whole tokens. */
function genString(rng, maxUnits = 12) {
  const target = rng.int(1, maxUnits);
  let s = '';
  let guard = 0;
  while (s.length < target && guard++ < 50) {
    const tok = rng.pick(rng.weighted(TOKEN_CLASSES));
    if (s.length + tok.length <= target) {
      s += tok;
    } else if (target - s.length === 1 || guard > 20) {
      s += rng.pick(rng.weighted(ONE_UNIT_CLASSES));
    }
  }
  return s;
}

const EMBEDS = [
  { image: 'https://example.org/a.png' },
  { formula: 'e=mc^2' },
  { video: 'https://example.org/v' },
];

const ATTR_KEYS = [
  ['bold', 5],
  ['italic', 4],
  ['underline', 2],
  ['color', 3],
  ['link', 2],
  ['header', 2],
  ['list', 1],
  ['align', 1],
  ['suggestion', 3],
  ['comment', 3],
];

const VALUE_POOLS = {
  bold: [true],
  italic: [true],
  underline: [true],
  color: ['#ff0000', '#c33', '#0a0'],
  link: ['https://example.org/ä', 'https://example.org/'],
  header: [1, 2, 3, 1.5],
  list: ['ordered', 'bullet'],
  align: ['center', 'right'],
  suggestion: [
    { id: 's1', author: 'u2', time: 1764288000000 },
    { id: 's2', author: 'u1', time: 1764288060000 },
  ],
  comment: [
    { id: 'c1', author: 'u3', time: 1764288000000 },
    { id: 'c2', author: 'u1', time: 1764288120000, by: { name: 'Ülle', role: 'editor' } },
    'c3',
  ],
};
// Values used for any key now and then (type mixing: 1 vs true vs "1" ...).
const MIXED_VALUES = [
  true, '#ff0000', 'https://example.org/ä', 1, 2, 3, 1.5,
  { id: 's1', author: 'u2', time: 1764288000000 },
];

const clone = (x) => JSON.parse(JSON.stringify(x));

/** Keys an op sets to null anywhere (retain or insert attributes). */
function nullKeysOf(op) {
  const keys = new Set();
  for (const c of op.ops) {
    for (const [k, v] of Object.entries(c.attributes || {})) if (v === null) keys.add(k);
  }
  return [...keys];
}

const withNullHints = (ctx, op) => ({ ...ctx, nullKeys: nullKeysOf(op) });

/**
 * Per-case context: a small palette of attribute keys so that attributes of
 * the different inputs of one case collide often (same key on both sides,
 * null over null, ...).
 */
function genCtx(rng) {
  const n = rng.weighted([[1, 2], [2, 4], [3, 3], [4, 1]]);
  const keys = [];
  let guard = 0;
  while (keys.length < n && guard++ < 50) {
    const k = rng.weighted(ATTR_KEYS);
    if (!keys.includes(k)) keys.push(k);
  }
  return { keys };
}

function genValue(rng, key) {
  const v = rng.chance(0.9) ? rng.pick(VALUE_POOLS[key]) : rng.pick(MIXED_VALUES);
  return clone(v);
}

/** Attributes from the case palette; nullP = probability a value is null (remove). */
function genAttrs(rng, ctx, nullP = 0) {
  const keys = rng.shuffle(ctx.keys);
  const n = rng.int(1, Math.min(3, keys.length));
  const attrs = {};
  for (let i = 0; i < n; i++) {
    // ctx.nullKeys: keys another input of the case set to null -> null over null is likely
    const p = ctx.nullKeys && ctx.nullKeys.includes(keys[i]) ? Math.max(nullP, 0.6) : nullP;
    attrs[keys[i]] = nullP > 0 && rng.chance(p) ? null : genValue(rng, keys[i]);
  }
  return attrs;
}

function genInsertValue(rng, embedP = 0.15) {
  return rng.chance(embedP) ? clone(rng.pick(EMBEDS)) : genString(rng);
}

/** A document: 1-8 inserts (text and embeds), no null attributes. */
function genDoc(rng, ctx) {
  const doc = new Delta();
  if (rng.chance(0.02)) return doc; // empty document
  const n = rng.int(1, 7);
  for (let i = 0; i < n; i++) {
    const value = genInsertValue(rng);
    const attrs = rng.chance(typeof value === 'string' ? 0.45 : 0.4) ? genAttrs(rng, ctx) : undefined;
    doc.insert(value, attrs);
  }
  if (rng.chance(0.5)) {
    const blockAttrs = rng.chance(0.35)
      ? rng.pick([{ header: rng.pick([1, 2, 3]) }, { list: 'bullet' }, { align: 'center' }, { list: 'ordered', align: 'right' }])
      : undefined;
    doc.insert('\n', blockAttrs);
  }
  return doc;
}

/** A document derived by applying a random op to a random document (richer attribute layouts). */
function genDerivedDoc(rng, ctx) {
  const x = genDoc(rng, ctx);
  const op = genOp(rng, ctx, x);
  const y = new Delta(clone(x.ops)).compose(new Delta(clone(op.ops)));
  return new Delta(clone(y.ops));
}

function genBaseDoc(rng, ctx, derivedP = 0.2) {
  return rng.chance(derivedP) ? genDerivedDoc(rng, ctx) : genDoc(rng, ctx);
}

/** Sorted code point boundaries 0..L of a document (never inside a surrogate pair). */
function cpBoundaries(doc) {
  const out = [0];
  let pos = 0;
  for (const op of doc.ops) {
    if (typeof op.insert === 'string') {
      const s = op.insert;
      for (let i = 1; i <= s.length; i++) {
        const inPair =
          i < s.length &&
          s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff &&
          s.charCodeAt(i) >= 0xdc00 && s.charCodeAt(i) <= 0xdfff;
        if (!inPair) out.push(pos + i);
      }
      pos += s.length;
    } else {
      pos += 1;
      out.push(pos);
    }
  }
  return out;
}

/** UTF-16 positions strictly inside a surrogate pair of the document. */
function midPairPositions(doc) {
  const out = [];
  let pos = 0;
  for (const op of doc.ops) {
    if (typeof op.insert === 'string') {
      const s = op.insert;
      for (let i = 1; i < s.length; i++) {
        const hi = s.charCodeAt(i - 1);
        const lo = s.charCodeAt(i);
        if (hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) out.push(pos + i);
      }
      pos += s.length;
    } else {
      pos += 1;
    }
  }
  return out;
}

/** Positions (in the coordinates of the document the op applies to) where components start/end. */
function opBasePositions(op) {
  const edges = new Set([0]);
  const inserts = new Set();
  let pos = 0;
  for (const c of op.ops) {
    if (c.insert !== undefined) {
      inserts.add(pos);
    } else {
      pos += c.retain !== undefined ? c.retain : c.delete;
    }
    edges.add(pos);
  }
  return { edges: [...edges].sort((a, b) => a - b), inserts: [...inserts].sort((a, b) => a - b) };
}

/** Positions in the op's OUTPUT document where its inserts / retains start and end. */
function opResultPositions(op) {
  const edges = new Set([0]);
  let pos = 0;
  for (const c of op.ops) {
    if (c.delete !== undefined) continue;
    pos += c.insert !== undefined ? (typeof c.insert === 'string' ? c.insert.length : 1) : c.retain;
    edges.add(pos);
  }
  return [...edges].sort((a, b) => a - b);
}

function pickEnd(rng, pos, L, cps, hot, midPairs) {
  if (!cps && midPairs && midPairs.length && rng.chance(0.5)) {
    // raw mode: prefer ending inside a surrogate pair
    const cand = midPairs.filter((p) => p > pos && p <= L);
    if (cand.length) return rng.pick(cand.slice(0, 2));
  }
  if (hot && hot.length && rng.chance(0.5)) {
    const cand = hot.filter((p) => p > pos && p <= L && (!cps || cps.includes(p)));
    if (cand.length) return rng.pick(cand.slice(0, 3));
  }
  if (cps) {
    let i = 0;
    while (cps[i] <= pos) i++;
    const remaining = cps.length - i;
    const k = rng.chance(0.8) ? rng.int(0, Math.min(4, remaining) - 1) : rng.int(0, remaining - 1);
    return cps[i + k];
  }
  const max = L - pos;
  return pos + (rng.chance(0.75) ? rng.int(1, Math.min(4, max)) : rng.int(1, max));
}

/**
 * A random op on `doc`, walking forward and never retaining/deleting past its
 * length. ~85% snap boundaries to code points, ~15% raw UTF-16 boundaries.
 * opts.hot: preferred boundaries; opts.hotInsert: positions where an insert is likely.
 */
function genOp(rng, ctx, doc, opts = {}) {
  if (rng.chance(0.02)) return new Delta(); // deliberately empty op
  for (let attempt = 0; ; attempt++) {
    const op = genOpOnce(rng, ctx, doc, opts);
    // a walk of only plain retains is chopped to nothing; retry so empty ops stay rare
    if (op.ops.length > 0 || attempt >= 5) return op;
  }
}

function genOpOnce(rng, ctx, doc, opts) {
  const op = new Delta();
  const L = doc.length();
  const cps = rng.chance(0.15) ? null : cpBoundaries(doc);
  const midPairs = cps ? null : midPairPositions(doc);
  const hotInsert = new Set(opts.hotInsert || []);
  const nComp = rng.int(1, 6);
  let pos = 0;
  let lastInsertAt = -1;
  for (let comps = 0; comps < nComp; comps++) {
    const canAdvance = pos < L;
    let type;
    if (hotInsert.has(pos) && lastInsertAt !== pos && rng.chance(0.6)) {
      type = 'insert';
    } else if (!canAdvance) {
      if (rng.chance(0.5)) break;
      type = 'insert';
    } else {
      type = rng.weighted([['insert', 3], ['retain', 3], ['retainAttrs', 2.5], ['delete', 2.5]]);
    }
    if (type === 'insert') {
      const value = genInsertValue(rng, 0.2);
      const attrs = rng.chance(0.35) ? genAttrs(rng, ctx, rng.chance(0.3) ? 0.4 : 0) : undefined;
      op.insert(value, attrs);
      lastInsertAt = pos;
      continue;
    }
    const end = pickEnd(rng, pos, L, cps, opts.hot, midPairs);
    const len = end - pos;
    if (type === 'retain') op.retain(len);
    else if (type === 'retainAttrs') op.retain(len, genAttrs(rng, ctx, 0.35));
    else op.delete(len);
    pos = end;
  }
  let keepPlainTrailingRetain = false;
  if (pos < L) {
    const r = rng.next();
    if (r < 0.2) op.retain(L - pos, genAttrs(rng, ctx, 0.35));
    else if (r < 0.24) {
      op.retain(L - pos);
      keepPlainTrailingRetain = true;
    }
  }
  if (!keepPlainTrailingRetain) op.chop();
  return op;
}

/**
 * An op on the same document as `a` that follows a's skeleton: inserts at the
 * same indices, retains/deletes over the same (or split) ranges. Produces
 * same-index inserts and exactly overlapping deletes/formatting.
 */
function genCorrelatedOp(rng, ctx, doc, a) {
  const op = new Delta();
  const L = doc.length();
  const cps = new Set(cpBoundaries(doc));
  let pos = 0;
  const piece = (len) => {
    const t = rng.weighted([['retain', 2], ['retainAttrs', 3], ['delete', 3]]);
    if (t === 'retain') op.retain(len);
    else if (t === 'retainAttrs') op.retain(len, genAttrs(rng, ctx, 0.35));
    else op.delete(len);
  };
  for (const c of a.ops) {
    if (c.insert !== undefined) {
      if (rng.chance(0.8)) {
        const value = genInsertValue(rng, 0.2);
        op.insert(value, rng.chance(0.35) ? genAttrs(rng, ctx, rng.chance(0.3) ? 0.4 : 0) : undefined);
      }
      continue;
    }
    const len = c.retain !== undefined ? c.retain : c.delete;
    const inner = [];
    for (let p = pos + 1; p < pos + len; p++) if (cps.has(p) || rng.chance(0.1)) inner.push(p);
    if (inner.length && rng.chance(0.4)) {
      const split = rng.pick(inner);
      piece(split - pos);
      if (rng.chance(0.3)) op.insert(genInsertValue(rng, 0.2));
      piece(pos + len - split);
    } else {
      piece(len);
    }
    pos += len;
  }
  if (pos < L && rng.chance(0.3)) piece(L - pos);
  if (rng.chance(0.15)) op.insert(genInsertValue(rng, 0.2));
  return op.chop();
}

/** Two ops on the same document (for transform). */
function genOpPair(rng, ctx) {
  const doc = genBaseDoc(rng, ctx);
  const a = genOp(rng, ctx, doc);
  let b;
  const ctxB = withNullHints(ctx, a);
  if (rng.chance(0.45)) {
    b = genCorrelatedOp(rng, ctxB, doc, a);
  } else {
    const { edges, inserts } = opBasePositions(a);
    b = genOp(rng, ctxB, doc, { hot: edges, hotInsert: inserts });
  }
  return { doc, a, b };
}

// ---------------------------------------------------------------------------
// Validation and coverage helpers
// ---------------------------------------------------------------------------

const isPosInt = (n) => Number.isInteger(n) && n > 0;

function validateDelta(d, what) {
  if (!d || !Array.isArray(d.ops)) throw new Error(`${what}: not a delta`);
  for (const op of d.ops) {
    const n = ['insert', 'retain', 'delete'].filter((k) => op[k] !== undefined).length;
    if (n !== 1) throw new Error(`${what}: malformed op ${JSON.stringify(op)}`);
    if (op.retain !== undefined && !isPosInt(op.retain)) throw new Error(`${what}: bad retain`);
    if (op.delete !== undefined && !isPosInt(op.delete)) throw new Error(`${what}: bad delete`);
    if (op.insert !== undefined && (op.insert === '' || op.insert === null)) throw new Error(`${what}: bad insert`);
    if (op.delete !== undefined && op.attributes !== undefined) throw new Error(`${what}: attributes on delete`);
  }
}

function baseLength(op) {
  return op.ops.reduce((n, c) => n + (c.insert !== undefined ? 0 : c.retain !== undefined ? c.retain : c.delete), 0);
}

function assertFits(op, doc, what) {
  if (baseLength(op) > doc.length()) throw new Error(`${what}: op longer than document`);
}

function isDocument(d) {
  return d.ops.every((op) => op.insert !== undefined);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
function hasLoneSurrogate(value) {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value && typeof value === 'object') return Object.values(value).some(hasLoneSurrogate);
  return false;
}

/** Ranges (in base coords) of an op's components: [{type, start, end, op}] (inserts have start===end). */
function baseRanges(op) {
  const out = [];
  let pos = 0;
  for (const c of op.ops) {
    if (c.insert !== undefined) out.push({ type: 'insert', start: pos, end: pos, c });
    else {
      const len = c.retain !== undefined ? c.retain : c.delete;
      out.push({ type: c.retain !== undefined ? 'retain' : 'delete', start: pos, end: pos + len, c });
      pos += len;
    }
  }
  return out;
}

/** Ranges (in result coords) of inserts / retains of an op. */
function resultRanges(op) {
  const out = [];
  let pos = 0;
  for (const c of op.ops) {
    if (c.delete !== undefined) continue;
    const len = c.insert !== undefined ? (typeof c.insert === 'string' ? c.insert.length : 1) : c.retain;
    out.push({ type: c.insert !== undefined ? 'insert' : 'retain', start: pos, end: pos + len, c });
    pos += len;
  }
  return out;
}

const overlaps = (r1, r2) => r1.start < r2.end && r2.start < r1.end;

function composeFeatures(a, b) {
  const ra = resultRanges(a);
  const rb = baseRanges(b).filter((r) => r.type === 'retain' && r.c.attributes);
  let attrsOverInsert = false;
  let attrsOverEmbed = false;
  let nullOverNull = false;
  for (const x of rb) {
    for (const y of ra) {
      if (!overlaps(x, y)) continue;
      if (y.type === 'insert') {
        attrsOverInsert = true;
        if (typeof y.c.insert !== 'string') attrsOverEmbed = true;
      }
      if (y.c.attributes) {
        for (const k of Object.keys(x.c.attributes)) {
          if (x.c.attributes[k] === null && y.c.attributes[k] === null) nullOverNull = true;
        }
      }
    }
  }
  return { attrsOverInsert, attrsOverEmbed, nullOverNull };
}

function transformFeatures(a, b) {
  const ra = baseRanges(a);
  const rb = baseRanges(b);
  const insA = new Set(ra.filter((r) => r.type === 'insert').map((r) => r.start));
  const sameIndexInsert = rb.some((r) => r.type === 'insert' && insA.has(r.start));
  const delA = ra.filter((r) => r.type === 'delete');
  const overlappingDeletes = rb.some((r) => r.type === 'delete' && delA.some((d) => overlaps(d, r)));
  const bothFormat = rb.some(
    (r) => r.type === 'retain' && r.c.attributes &&
      ra.some((x) => x.type === 'retain' && x.c.attributes && overlaps(x, r)),
  );
  return { sameIndexInsert, overlappingDeletes, bothFormat };
}

// ---------------------------------------------------------------------------
// Case generators
// ---------------------------------------------------------------------------

const D = (delta) => ({ ops: delta.ops });

const stats = {};
function bump(name, cond = true) {
  if (cond) stats[name] = (stats[name] || 0) + 1;
}

function composeCase(rng) {
  const ctx = genCtx(rng);
  let a;
  let b;
  let mode;
  if (rng.chance(0.5)) {
    mode = 'doc';
    a = genBaseDoc(rng, ctx, 0.25);
    b = genOp(rng, ctx, a, {});
  } else {
    mode = 'ops';
    const x = genDoc(rng, ctx);
    a = genOp(rng, ctx, x);
    assertFits(a, x, 'compose.a');
    const y = new Delta(clone(x.ops)).compose(new Delta(clone(a.ops)));
    const hot = opResultPositions(a);
    const inserts = resultRanges(a)
      .filter((r) => r.type === 'insert')
      .flatMap((r) => [r.start, r.end]);
    b = genOp(rng, withNullHints(ctx, a), y, { hot, hotInsert: inserts });
    assertFits(b, y, 'compose.b');
  }
  const rec = { a: clone(D(a)), b: clone(D(b)) };
  const run = clone(rec);
  const expected = new Delta(run.a).compose(new Delta(run.b));
  const f = composeFeatures(a, b);
  bump(`compose.${mode}`);
  bump('compose.retainAttrsOverInsert', f.attrsOverInsert && mode === 'ops');
  bump('compose.retainAttrsOverEmbed', f.attrsOverEmbed);
  bump('compose.nullOverNull', f.nullOverNull);
  return [{ kind: 'compose', a: rec.a, b: rec.b, expected: D(expected) }];
}

function applyCase(rng) {
  const ctx = genCtx(rng);
  const snapshot = genBaseDoc(rng, ctx, 0.25);
  const op = genOp(rng, ctx, snapshot);
  assertFits(op, snapshot, 'apply');
  const rec = { snapshot: clone(D(snapshot)), op: clone(D(op)) };
  const run = clone(rec);
  const expected = richText.type.apply(run.snapshot, run.op);
  if (!isDocument(expected)) throw new Error('apply: result is not a document');
  return [{ kind: 'apply', snapshot: rec.snapshot, op: rec.op, expected: D(expected) }];
}

function transformCase(rng) {
  const ctx = genCtx(rng);
  const { doc, a, b } = genOpPair(rng, ctx);
  assertFits(a, doc, 'transform.a');
  assertFits(b, doc, 'transform.b');
  const f = transformFeatures(a, b);
  bump('transform.sameIndexInsert', f.sameIndexInsert);
  bump('transform.overlappingDeletes', f.overlappingDeletes);
  bump('transform.bothFormatSameRange', f.bothFormat);
  const rec = { a: clone(D(a)), b: clone(D(b)) };
  return [true, false].map((priority) => {
    const run = clone(rec);
    const expected = new Delta(run.a).transform(new Delta(run.b), priority);
    return { kind: 'transform', a: clone(rec.a), b: clone(rec.b), priority, expected: D(expected) };
  });
}

function richTextTransformCase(rng) {
  const ctx = genCtx(rng);
  const { doc, a, b } = genOpPair(rng, ctx);
  assertFits(a, doc, 'rtt.a');
  assertFits(b, doc, 'rtt.b');
  const rec = { op1: clone(D(a)), op2: clone(D(b)) };
  return ['left', 'right'].map((side) => {
    const run = clone(rec);
    const expected = richText.type.transform(run.op1, run.op2, side);
    return { kind: 'richTextTransform', op1: clone(rec.op1), op2: clone(rec.op2), side, expected: D(expected) };
  });
}

function pickIndex(rng, op, L, extra = 2) {
  if (rng.chance(0.5)) {
    const { edges, inserts } = opBasePositions(op);
    const cand = edges.concat(inserts).filter((p) => p <= L + extra);
    if (cand.length) return rng.pick(cand);
  }
  return rng.int(0, L + extra);
}

function transformPositionCase(rng) {
  const ctx = genCtx(rng);
  const doc = genDoc(rng, ctx);
  const op = genOp(rng, ctx, doc);
  const L = doc.length();
  const index = pickIndex(rng, op, L, 2);
  const priority = rng.chance(0.5);
  const rec = clone(D(op));
  const expected = new Delta(clone(rec)).transformPosition(index, priority);
  return [{ kind: 'transformPosition', delta: rec, index, priority, expected }];
}

function invertCase(rng) {
  const ctx = genCtx(rng);
  const base = genBaseDoc(rng, ctx, 0.2);
  const op = genOp(rng, ctx, base);
  assertFits(op, base, 'invert');
  const rec = { op: clone(D(op)), base: clone(D(base)) };
  const run = clone(rec);
  const expected = new Delta(run.op).invert(new Delta(run.base));
  return [{ kind: 'invert', op: rec.op, base: rec.base, expected: D(expected) }];
}

const PRESENCE_EXTRAS = [
  () => ({ name: 'Ülle' }),
  () => ({ color: '#c33' }),
  () => ({ name: 'Åsa Ødegård', color: '#0a0' }),
  () => ({ name: '李雷', color: '#ff0000', userId: 'u2' }),
  () => ({ name: '👩‍💻 dev', active: true, seq: 7 }),
];

function transformPresenceCase(rng) {
  const ctx = genCtx(rng);
  const doc = genDoc(rng, ctx);
  const op = genOp(rng, ctx, doc);
  const L = doc.length();
  const own = rng.chance(0.5);
  let range = null;
  if (!rng.chance(0.01)) {
    const index = Math.min(pickIndex(rng, op, L, 0), L);
    let length = 0;
    if (!rng.chance(0.35)) {
      const { edges } = opBasePositions(op);
      const ends = edges.filter((p) => p >= index && p <= L);
      const end = ends.length && rng.chance(0.5) ? rng.pick(ends) : rng.int(index, L);
      length = end - index;
    }
    const extras = rng.chance(0.5) ? rng.pick(PRESENCE_EXTRAS)() : {};
    // Vary key order; transformPresence keeps the range's own key order.
    const entries = rng.shuffle([['index', index], ['length', length], ...Object.entries(extras)]);
    range = Object.fromEntries(rng.chance(0.6) ? [['index', index], ['length', length], ...Object.entries(extras)] : entries);
  }
  const rec = { range: clone(range), op: clone(D(op)) };
  const run = clone(rec);
  const expected = richText.type.transformPresence(run.range, run.op, own);
  bump('transformPresence.nullRange', range === null);
  return [{ kind: 'transformPresence', range: rec.range, op: rec.op, own, expected }];
}

function anyDelta(rng, ctx) {
  if (rng.chance(0.55)) return genBaseDoc(rng, ctx, 0.2);
  const doc = genDoc(rng, ctx);
  return genOp(rng, ctx, doc);
}

function sliceCase(rng) {
  const ctx = genCtx(rng);
  const delta = anyDelta(rng, ctx);
  const len = delta.length();
  let start;
  let end;
  if (isDocument(delta) && rng.chance(0.5)) {
    const b = cpBoundaries(delta);
    start = rng.pick(b);
    end = rng.pick(b.filter((p) => p >= start).concat([len + 1]));
  } else {
    start = rng.int(0, len + 1);
    end = rng.int(start, len + 2);
  }
  const rec = clone(D(delta));
  const expected = new Delta(clone(rec)).slice(start, end);
  return [{ kind: 'slice', delta: rec, start, end, expected: D(expected) }];
}

function concatCase(rng) {
  const ctx = genCtx(rng);
  const a = anyDelta(rng, ctx);
  let b = anyDelta(rng, ctx);
  if (rng.chance(0.35) && a.ops.length) {
    // make b start with something that merges with a's last op
    const last = a.ops[a.ops.length - 1];
    const head = new Delta();
    if (last.delete !== undefined) head.delete(rng.int(1, 3));
    else if (last.retain !== undefined) head.retain(rng.int(1, 3), last.attributes && clone(last.attributes));
    else head.insert(genString(rng), last.attributes && clone(last.attributes));
    // push op by op (not concat) so that b stays canonical, as every input here is
    const merged = new Delta();
    head.ops.concat(b.ops).forEach((op) => merged.push(op));
    b = merged;
  } else if (rng.chance(0.1)) {
    b = new Delta();
  }
  const rec = { a: clone(D(a)), b: clone(D(b)) };
  const run = clone(rec);
  const expected = new Delta(run.a).concat(new Delta(run.b));
  return [{ kind: 'concat', a: rec.a, b: rec.b, expected: D(expected) }];
}

function lengthCase(rng) {
  const ctx = genCtx(rng);
  const delta = anyDelta(rng, ctx);
  const rec = clone(D(delta));
  const expected = new Delta(clone(rec)).length();
  const changeLength = new Delta(clone(rec)).changeLength();
  return [{ kind: 'length', delta: rec, expected, changeLength }];
}

const GENERATORS = {
  compose: composeCase,
  apply: applyCase,
  transform: transformCase,
  richTextTransform: richTextTransformCase,
  transformPosition: transformPositionCase,
  invert: invertCase,
  transformPresence: transformPresenceCase,
  slice: sliceCase,
  concat: concatCase,
  length: lengthCase,
};

const DELTA_FIELDS = ['a', 'b', 'expected', 'snapshot', 'op', 'op1', 'op2', 'delta', 'base'];

function checkLine(line) {
  for (const f of DELTA_FIELDS) {
    if (line[f] !== undefined && line[f] !== null && typeof line[f] === 'object' && 'ops' in line[f]) {
      validateDelta(line[f], `${line.kind}.${f}`);
    }
  }
  const text = JSON.stringify(line);
  if (JSON.stringify(JSON.parse(text)) !== text) throw new Error(`${line.kind}: JSON round trip differs`);
  return text;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

function main() {
  const opts = parseArgs(process.argv.slice(2));
  checkLibraryVersions();

  const lines = [];
  const counts = {};
  let loneSurrogateLines = 0;
  let emptyOpInputs = 0;
  for (const [kind, base] of Object.entries(BASE_COUNTS)) {
    const n = Math.max(1, Math.round(base * opts.scale));
    const rng = new Rng((opts.seed ^ fnv1a(kind)) >>> 0);
    const gen = GENERATORS[kind];
    for (let i = 0; i < n; i++) {
      for (const line of gen(rng)) {
        lines.push(checkLine(line));
        counts[kind] = (counts[kind] || 0) + 1;
        if (hasLoneSurrogate(line)) loneSurrogateLines++;
        if (DELTA_FIELDS.some((f) => f !== 'expected' && line[f] && Array.isArray(line[f].ops) && line[f].ops.length === 0)) {
          emptyOpInputs++;
        }
      }
    }
  }

  const jsonl = Buffer.from(lines.join('\n') + '\n', 'utf8');
  if (opts.check) {
    // CI: the committed fixtures must be exactly what the real libraries give today.
    const committed = zlib.gunzipSync(fs.readFileSync(OUT_FILE));
    if (!committed.equals(jsonl)) {
      console.error(`${path.relative(process.cwd(), OUT_FILE)} differs from what quill-delta/rich-text give; rerun npm run fixtures:ot`);
      process.exit(1);
    }
    console.log(`parity fixtures up to date: ${lines.length} cases match quill-delta 4.2.2 / rich-text 4.1.0`);
    return;
  }
  const gz = zlib.gzipSync(jsonl, { level: 9 });
  gz[9] = 3; // gzip header OS byte: fixed to "Unix" so the header does not depend on the platform
  fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  fs.writeFileSync(OUT_FILE, gz);

  const sha = (buf) => crypto.createHash('sha256').update(buf).digest('hex');
  console.log(`quill-delta 4.2.2 / rich-text 4.1.0 parity fixtures (seed ${opts.seed}, scale ${opts.scale})`);
  console.log(`wrote ${path.relative(process.cwd(), OUT_FILE)}`);
  for (const [kind, n] of Object.entries(counts)) console.log(`  ${kind.padEnd(18)} ${String(n).padStart(6)}`);
  console.log(`  ${'total'.padEnd(18)} ${String(lines.length).padStart(6)}`);
  console.log(`jsonl ${jsonl.length} bytes, sha256 ${sha(jsonl)}`);
  console.log(`gzip  ${gz.length} bytes, sha256 ${sha(gz)}`);
  console.log('coverage:');
  console.log(`  ${'linesWithLoneSurrogates'.padEnd(32)} ${loneSurrogateLines}`);
  console.log(`  ${'linesWithEmptyInputDelta'.padEnd(32)} ${emptyOpInputs}`);
  for (const k of Object.keys(stats).sort()) console.log(`  ${k.padEnd(32)} ${stats[k]}`);
}

main();
