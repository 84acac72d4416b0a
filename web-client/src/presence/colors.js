/**
 * Collaborator colours. Everyone's colour comes from their display name (a hash into a palette), so it
 * is the same in every browser without coordination. Within one document `assignColors` then makes
 * the colours distinct: two names that hash to the same or a look-alike colour would make two cursors
 * indistinguishable, so the later one takes the next free palette colour. Every palette colour carries
 * the white name label of quill-cursors with WCAG AA contrast (>= 4.5).
 */

/** Twelve hues apart from each other, all dark enough for white text. */
export const PALETTE = [
  '#1d5fbf', // blue
  '#b3261e', // red
  '#1b7a3d', // green
  '#7b3fb0', // purple
  '#a84a00', // orange
  '#00737f', // teal
  '#c0185a', // pink
  '#5f6b00', // olive
  '#3f3fa8', // indigo
  '#7a4e2d', // brown
  '#9c2a8c', // magenta
  '#4a5866', // slate
];

/** FNV-1a over UTF-16 units: small, fast, and well spread for short strings. */
function hashName(name) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function preferredIndex(name) {
  return hashName(String(name ?? '').trim().normalize('NFC').toLowerCase()) % PALETTE.length;
}

/** The colour a name prefers: stable everywhere, whatever the spacing or case. */
export function colorForName(name) {
  return PALETTE[preferredIndex(name)];
}

/**
 * Colours for the people in one document, distinct while there are no more people than colours.
 * `names` in a stable order (me first, then the others by name): earlier names keep their preferred
 * colour, a later one with a taken colour gets the next free one.
 */
export function assignColors(names) {
  const taken = new Set();
  const colors = new Map();
  for (const name of names) {
    if (colors.has(name)) continue;
    let index = preferredIndex(name);
    for (let tries = 0; tries < PALETTE.length && taken.has(index); tries++) index = (index + 1) % PALETTE.length;
    taken.add(index);
    if (taken.size === PALETTE.length) taken.clear(); // more people than colours: start reusing
    colors.set(name, PALETTE[index]);
  }
  return colors;
}

/** `#rrggbb`, the only colour form accepted from other clients' presence. */
export function isHexColor(value) {
  return typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value);
}

/** WCAG contrast ratio of white text on the colour `hex`. */
export function contrastWithWhite(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const s = parseInt(hex.slice(i, i + 2), 16) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}
