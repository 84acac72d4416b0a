/**
 * Keeps a Quill editor and a subscribed ShareDB rich-text Doc in step. No OT happens here: the stock
 * client queues, composes, transforms and resends our ops (also across reconnects), and we only move
 * deltas between the two sides.
 *
 *   user types  -> Quill 'text-change' (source 'user') -> doc.submitOp
 *   remote op   -> doc 'op' (source false)             -> quill.updateContents(op, 'api')
 *   refetch     -> doc 'load'                          -> quill.setContents(doc.data, 'api')
 *
 * Changes we apply carry source 'api', so they never come back as 'user' changes to submit again.
 * `quill` needs only on/off, setContents, updateContents, getContents, getSelection, setSelection and
 * getLength, so a fake stands in for it in the unit tests.
 *
 * Our edits are positions in Quill's copy, so that copy must be exactly as long as the document. An
 * embed the editor has no format for (written by some other client) would be dropped by Quill and
 * shift every later position: when the lengths disagree we report it and the page stops editing.
 *
 * The user's delta is not always the op: in suggesting mode it becomes a suggestion, and suggestion
 * marks never travel with text typed or pasted directly (suggest-conversion.js). Then the editor is
 * corrected at once to show exactly what was sent, and the caret put where the user expects it.
 */
import richText from 'rich-text';
import { convertUserChange } from '../suggestions/suggest-conversion.js';
import { randomSuggestionId } from '../suggestions/suggestion-value.js';

const { Delta } = richText;

/** The `source` our own submits carry; the doc echoes it in its 'op' event. */
const LOCAL_SOURCE = 'quill';

function documentLength(data) {
  let length = 0;
  for (const op of data?.ops ?? []) length += typeof op.insert === 'string' ? op.insert.length : 1;
  return length;
}

function endsWithNewline(data) {
  const last = data?.ops?.at(-1)?.insert;
  return typeof last === 'string' && last.endsWith('\n');
}

/** How long Quill's copy of `data` is: every insert, plus the final newline Quill always has. */
export function editorLengthOf(data) {
  return documentLength(data) + (endsWithNewline(data) ? 0 : 1);
}

/**
 * `author()`: {username, name} of the signed-in user; `suggesting()`: whether their edits are
 * suggestions now; `deletesForward()`: whether the deletion being made went forward (the Delete key),
 * so that the caret ends after the text marked for deletion instead of before it.
 * `onFormattingRefused()` hears of formatting left out while suggesting.
 */
export function bindQuillToDoc({ quill, doc, onRefused = () => {}, onReloaded = () => {}, onDeleted = () => {},
  onUnsentChange = () => {}, onUnsupportedContent = () => {}, author = () => null, suggesting = () => false,
  deletesForward = () => false, onFormattingRefused = () => {}, newSuggestionId = randomSuggestionId,
  now = () => Date.now() }) {
  let unconfirmed = 0;
  let docEndsWithNewline = endsWithNewline(doc.data);
  let correcting = false; // our correction of the screen is under way: not a change to send
  let corrections = 0; // how many corrections were made, to know the latest

  function checkSameLength() {
    if (doc.type && quill.getLength() !== editorLengthOf(doc.data)) onUnsupportedContent();
  }

  quill.setContents(doc.data, 'api');
  checkSameLength();

  function submit(ops) {
    unconfirmed++;
    doc.submitOp(ops, { source: LOCAL_SOURCE }, (err) => {
      unconfirmed--;
      // A refusal of one op fails every op queued behind it too; the caller shows one message.
      if (err) onRefused(err);
      onUnsentChange();
    });
  }

  function submitUserChange(delta, _oldContents, source) {
    if (source !== 'user' || correcting) return;
    // Quill's copy always ends with a newline. A document without one (created empty by another
    // client) gets it before our first edit, or formatting the last line would reach past its end.
    if (!endsWithNewline(doc.data)) {
      const length = documentLength(doc.data);
      submit(length ? [{ retain: length }, { insert: '\n' }] : [{ insert: '\n' }]);
    }
    // Against the doc's data, not Quill's copy: Quill drops inline attributes of line breaks, and a
    // suggested line break must still count as the user's own when they delete it again.
    const { op, correction, formattingRefused } = convertUserChange({ change: delta, base: doc.data,
      author: author(), suggesting: suggesting(), newId: newSuggestionId, now: now() });
    if (op.ops.length > 0) submit(op.ops);
    docEndsWithNewline = endsWithNewline(doc.data);
    if (correction.ops.length > 0) showAsSent(correction);
    if (formattingRefused) onFormattingRefused();
    onUnsentChange();
  }

  /**
   * Makes the editor show what was sent. The correction goes in as a 'user' change, so that Quill's
   * undo history keeps it together with the user's own (one undo step takes back what the user saw);
   * `correcting` keeps it from being sent again.
   */
  function showAsSent(correction) {
    const selection = quill.getSelection();
    joinLastUndoStep();
    correcting = true;
    try {
      quill.updateContents(correction, 'user');
    } finally {
      correcting = false;
    }
    if (!selection) return;
    // Text shown again where the caret is (a deletion mark) stays after it for Backspace (the caret
    // walks left over the marked text) and before it for Delete (walking right).
    const keepBefore = !deletesForward();
    const corrected = new Delta(correction.ops);
    const moved = (range) => {
      const start = corrected.transformPosition(range.index, keepBefore);
      const end = range.length ? corrected.transformPosition(range.index + range.length, keepBefore) : start;
      return { index: start, length: end - start };
    };
    const placed = moved(selection);
    quill.setSelection(placed.index, placed.length, 'silent');
    // Quill's own handlers (Enter, paste, typing over a selection) set the caret once their change is
    // made, counting without our correction: move that caret through it too. Only the latest
    // correction does: an earlier one's caret was counted into the handler's already.
    const turn = ++corrections;
    queueMicrotask(() => {
      if (turn !== corrections) return;
      const now = quill.getSelection();
      if (!now || (now.index === placed.index && now.length === placed.length)) return;
      const again = moved(now);
      quill.setSelection(again.index, again.length, 'silent');
    });
  }

  /** Quill's history joins changes less than `delay` apart; make sure the correction is joined too. */
  function joinLastUndoStep() {
    const history = quill.history;
    if (typeof history?.lastRecorded !== 'number' || !history.options) return;
    if (history.lastRecorded + history.options.delay <= Date.now()) history.lastRecorded = Date.now();
  }

  // Quill showed a final newline the document lacked; an op just gave the document one, which Quill
  // put before its own. Drop Quill's extra line break, keeping the line format the op brought.
  function absorbFinalNewline() {
    const at = quill.getLength() - 2;
    const attributes = quill.getContents(at, 1).ops[0]?.attributes;
    const before = at > 0 ? [{ retain: at }] : [];
    quill.updateContents([...before, { delete: 1 }, ...(attributes ? [{ retain: 1, attributes }] : [])], 'api');
  }

  function applyRemoteOp(op, source) {
    if (source) return; // ours: already in the editor
    quill.updateContents(op, 'api');
    if (!docEndsWithNewline && endsWithNewline(doc.data)) absorbFinalNewline();
    docEndsWithNewline = endsWithNewline(doc.data);
    checkSameLength();
  }

  // A 'load' after the first one replaces the whole document: the stock client refetched, e.g. after
  // the server refused an op (hard rollback, which drops our unsent ops).
  function replaceContents() {
    const selection = quill.getSelection();
    quill.setContents(doc.data, 'api');
    docEndsWithNewline = endsWithNewline(doc.data);
    if (selection) {
      const end = quill.getLength() - 1;
      quill.setSelection(Math.min(selection.index, end), 0, 'silent');
    }
    onReloaded({ lostUnsent: unconfirmed > 0 });
    onUnsentChange();
    checkSameLength();
  }

  function handleDeleted() {
    onDeleted();
  }

  // Errors the stock client could not hand to a callback (e.g. a failed refetch).
  function handleDocError(err) {
    onRefused(err);
  }

  quill.on('text-change', submitUserChange);
  doc.on('op', applyRemoteOp);
  doc.on('load', replaceContents);
  doc.on('del', handleDeleted);
  doc.on('error', handleDocError);

  return {
    /** Edits submitted whose acknowledgement (or refusal) has not come back. */
    get unconfirmed() { return unconfirmed; },
    destroy() {
      quill.off('text-change', submitUserChange);
      doc.off('op', applyRemoteOp);
      doc.off('load', replaceContents);
      doc.off('del', handleDeleted);
      doc.off('error', handleDocError);
    },
  };
}
