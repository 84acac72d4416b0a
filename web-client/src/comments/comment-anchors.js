/**
 * Where comment threads are anchored, read from the document itself: the server marks a thread's
 * passage with the attribute `comment-<threadId>: true`, so the anchor follows its text through every
 * edit (rich-text transforms attributes like any format). Quill has no format for these attributes and
 * drops them from its own copy; only the ShareDB doc's data has them, which is why the ranges are read
 * from there on every op (and drawn over the text, never put into Quill's content).
 *
 * Text typed inside a passage does not carry the attribute, so one thread may have several ranges. A
 * thread without any range left had all its text deleted: it is detached.
 */
import richText from 'rich-text';

const { Delta } = richText;

export const ANCHOR_PREFIX = 'comment-';

/** The thread id of an anchor attribute, or null for any other attribute. */
export function threadIdOfAttribute(key, value) {
  if (value !== true || typeof key !== 'string' || !key.startsWith(ANCHOR_PREFIX)) return null;
  const id = key.slice(ANCHOR_PREFIX.length);
  return id === '' ? null : id;
}

/**
 * Map threadId → [{index, length}] in document order, neighbouring pieces joined (a thread's text split
 * by formats is one range; text between two pieces that lacks the attribute makes two). Embeds count
 * as one character, as in Quill.
 */
export function collectAnchors(data) {
  const anchors = new Map();
  let index = 0;
  for (const op of data?.ops ?? []) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const id = threadIdOfAttribute(key, value);
      if (!id) continue;
      const ranges = anchors.get(id) ?? [];
      const last = ranges.at(-1);
      if (last && last.index + last.length === index) last.length += length;
      else ranges.push({ index, length });
      anchors.set(id, ranges);
    }
    index += length;
  }
  return anchors;
}

/** The ids of the threads whose ranges hold the position `index` (a caret just before a character). */
export function threadsAt(anchors, index) {
  const found = [];
  for (const [id, ranges] of anchors) {
    if (ranges.some((range) => index >= range.index && index < range.index + range.length)) found.push(id);
  }
  return found;
}

/**
 * A selected passage moved through `op` (an edit made while the comment was being written). Text
 * inserted at either edge stays outside it, as the server's anchors do.
 */
export function movePassage(passage, op) {
  const delta = new Delta(op?.ops ?? op ?? []);
  const start = delta.transformPosition(passage.index, false);
  const end = delta.transformPosition(passage.index + passage.length, true);
  return { index: start, length: Math.max(0, end - start) };
}
