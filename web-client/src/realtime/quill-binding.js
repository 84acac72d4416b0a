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
 */

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

export function bindQuillToDoc({ quill, doc, onRefused = () => {}, onReloaded = () => {}, onDeleted = () => {},
  onUnsentChange = () => {}, onUnsupportedContent = () => {} }) {
  let unconfirmed = 0;
  let docEndsWithNewline = endsWithNewline(doc.data);

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
    if (source !== 'user') return;
    // Quill's copy always ends with a newline. A document without one (created empty by another
    // client) gets it before our first edit, or formatting the last line would reach past its end.
    if (!endsWithNewline(doc.data)) {
      const length = documentLength(doc.data);
      submit(length ? [{ retain: length }, { insert: '\n' }] : [{ insert: '\n' }]);
    }
    submit(delta.ops);
    docEndsWithNewline = endsWithNewline(doc.data);
    onUnsentChange();
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
