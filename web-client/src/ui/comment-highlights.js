/**
 * The passages of open comment threads, drawn over the text as soft boxes (as quill-cursors draws
 * others' selections): the anchors are attributes Quill does not know, so they never become part of
 * Quill's content; this layer only reads where they are. One box per line fragment of each range,
 * measured from the text nodes themselves (a DOM Range over whole paragraphs would also report each
 * paragraph's full box). The boxes let clicks through to the text; `threadsAt` tells which thread a
 * click landed in.
 */
import { h } from './dom.js';

/**
 * `quill`: the editor; returns {draw(ranges, selectedId), boxesOf(id), destroy()} where `ranges` are
 * [{id, index, length}] (highlightedRanges) in the document's (and Quill's) positions.
 */
export function createCommentHighlights(quill) {
  const layer = h('div', { class: 'comment-highlights', 'aria-hidden': 'true' });
  quill.container.prepend(layer);
  let last = { ranges: [], selectedId: null };
  let frame = null;

  function draw() {
    frame = null;
    const origin = quill.container.getBoundingClientRect();
    const boxes = [];
    for (const range of last.ranges) {
      for (const rect of textRects(quill, range.index, range.length)) {
        boxes.push(h('div', { class: 'comment-highlight', 'data-thread-id': range.id,
          'data-selected': range.id === last.selectedId ? 'true' : undefined,
          style: `left: ${rect.left - origin.left}px; top: ${rect.top - origin.top}px; width: ${rect.width}px; height: ${rect.height}px` }));
      }
    }
    layer.replaceChildren(...boxes);
  }

  // The text reflows when the window or the side panel changes width: measure again.
  const resizes = new ResizeObserver(() => schedule());
  resizes.observe(quill.root);

  function schedule() {
    if (frame === null) frame = requestAnimationFrame(draw);
  }

  return {
    /** Draws `ranges` (on the next frame, so Quill has shown the latest edit), `selectedId` stronger. */
    show(ranges, selectedId) {
      last = { ranges, selectedId };
      schedule();
    },
    /** The boxes drawn for a thread, e.g. to scroll to the first. */
    boxesOf(id) {
      if (frame !== null) { cancelAnimationFrame(frame); draw(); }
      return [...layer.children].filter((box) => box.dataset.threadId === id);
    },
    destroy() {
      if (frame !== null) cancelAnimationFrame(frame);
      resizes.disconnect();
      layer.remove();
    },
  };
}

/** The client rects of [index, index + length) in Quill's text, one per line fragment of each text node. */
function textRects(quill, index, length) {
  const total = quill.getLength();
  const start = Math.min(index, total - 1);
  const end = Math.min(index + length, total - 1);
  if (end <= start) return [];
  const from = domPosition(quill, start);
  const to = domPosition(quill, end);
  if (!from || !to) return [];
  const range = document.createRange();
  try {
    range.setStart(from[0], from[1]);
    range.setEnd(to[0], to[1]);
  } catch {
    return []; // Quill is between two renderings of the text; the next op draws again
  }
  const rects = [];
  const root = range.commonAncestorContainer;
  const walker = document.createTreeWalker(root.nodeType === Node.TEXT_NODE ? root.parentNode : root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!range.intersectsNode(node)) continue;
    const piece = document.createRange();
    piece.setStart(node, node === range.startContainer ? range.startOffset : 0);
    piece.setEnd(node, node === range.endContainer ? range.endOffset : node.length);
    for (const rect of piece.getClientRects()) if (rect.width > 0 && rect.height > 0) rects.push(rect);
  }
  return rects;
}

/** The DOM node and offset of a position in Quill's text (what Quill's own getBounds does). */
function domPosition(quill, index) {
  const [leaf, offset] = quill.getLeaf(index);
  if (!leaf) return null;
  return leaf.position(offset, true);
}
