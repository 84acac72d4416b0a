/**
 * Which cluster node owns a key, computed the way the server does (cluster/Membership.java): rendezvous
 * hashing of the key over the serving nodes' ids, with 64-bit FNV-1a over UTF-8 and the SplitMix64
 * finaliser, scores compared as signed longs. A document's key is `docs.<id>`.
 *
 * The cluster test checks this against the server: the node killed as the computed owner must be the one
 * a survivor logs taking the document over from.
 */
const MASK = (1n << 64n) - 1n;

function mix(z) {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return z ^ (z >> 31n);
}

function hash(text) {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & MASK;
  return mix(h);
}

/** The id among `nodeIds` that owns `key`. */
export function ownerOf(nodeIds, key) {
  const keyHash = hash(key);
  let best = null;
  let bestScore = null;
  for (const node of [...nodeIds].sort()) {
    const score = BigInt.asIntN(64, mix(hash(node) ^ keyHash)); // Java compares signed longs
    if (bestScore === null || score > bestScore) { best = node; bestScore = score; }
  }
  return best;
}
