/**
 * The Quill instance for one document: our toolbar, quill-cursors for the others' carets, an undo
 * history of our own edits only (undo must never revert a co-author's text), the suggestion marks
 * (suggestion-formats.js), and keys that keep the editor from trapping keyboard users: Tab leaves it
 * (except to indent lists), Escape goes to the toolbar, Ctrl+K edits the link.
 */
import Quill from 'quill/core';
import Blockquote from 'quill/formats/blockquote.js';
import Bold from 'quill/formats/bold.js';
import Header from 'quill/formats/header.js';
import Indent from 'quill/formats/indent.js';
import Italic from 'quill/formats/italic.js';
import Link from 'quill/formats/link.js';
import List from 'quill/formats/list.js';
import Underline from 'quill/formats/underline.js';
import Keyboard from 'quill/modules/keyboard.js';
import Toolbar from 'quill/modules/toolbar.js';
import QuillCursors from 'quill-cursors/core';
import { t } from '../strings/index.js';
import { SuggestDelete, SuggestInsert } from './suggestion-formats.js';

// Quill's core plus the formats the toolbar offers (Indent for nested lists): a smaller bundle, and
// pasted text keeps only what the editor can also produce.
Quill.register({
  'formats/blockquote': Blockquote,
  'formats/bold': Bold,
  'formats/header': Header,
  'formats/indent': Indent,
  'formats/italic': Italic,
  'formats/link': Link,
  'formats/list': List,
  'formats/underline': Underline,
  'formats/suggestInsert': SuggestInsert,
  'formats/suggestDelete': SuggestDelete,
  'modules/toolbar': Toolbar,
  'modules/cursors': QuillCursors,
});

/**
 * Typing "1. " or "- " at the start of a line makes it a list item: Quill deletes the typed prefix and
 * formats the line. While suggesting, formatting is not possible, and the prefix would just vanish: it
 * stays text then.
 */
const LIST_AUTOFILL = Keyboard.DEFAULTS.bindings['list autofill'];

/** `isSuggesting()`: whether edits are suggestions now. */
export function createQuill({ host, toolbar, onLink, onEscape, describedBy, isSuggesting = () => false }) {
  const quill = new Quill(host, {
    modules: {
      toolbar: { container: toolbar, handlers: { link: onLink } },
      // selectionChangeSource null: no synthetic selection events, we send presence on our own moves.
      cursors: { hideDelayMs: 5000, hideSpeedMs: 300, selectionChangeSource: null },
      history: { userOnly: true },
      keyboard: {
        bindings: {
          tab: { key: 'Tab', handler: () => true }, // let the browser move focus; no tab characters
          escape: { key: 'Escape', handler: () => { onEscape(); return false; } },
          link: { key: 'k', shortKey: true, handler: () => { onLink(); return false; } },
          'list autofill': {
            ...LIST_AUTOFILL,
            handler(range, context) { return isSuggesting() ? true : LIST_AUTOFILL.handler.call(this, range, context); },
          },
        },
      },
    },
  });
  const root = quill.root;
  root.setAttribute('role', 'textbox');
  root.setAttribute('aria-multiline', 'true');
  root.setAttribute('aria-label', t('editor.label'));
  if (describedBy) root.setAttribute('aria-describedby', describedBy);
  return quill;
}

/** Editing off (read-only document): Quill ignores input and toolbar actions, screen readers are told. */
export function setQuillReadOnly(quill, readOnly) {
  if (readOnly) quill.disable(); else quill.enable();
  quill.root.setAttribute('aria-readonly', String(readOnly));
}

/**
 * Whether the deletion being made goes forward (Delete, Ctrl+Delete) rather than backward (Backspace,
 * cut): in suggesting mode the deleted text stays, marked, and the caret should end on the side the
 * user is moving to. Read while Quill handles the key (or the browser's deletion it observes).
 */
export function watchDeleteDirection(root) {
  let forward = false;
  const onKeyDown = (event) => { forward = event.key === 'Delete'; };
  const onKeyUp = () => { forward = false; };
  root.addEventListener('keydown', onKeyDown, true);
  root.addEventListener('keyup', onKeyUp, true);
  return {
    forward: () => forward,
    stop() {
      root.removeEventListener('keydown', onKeyDown, true);
      root.removeEventListener('keyup', onKeyUp, true);
    },
  };
}
