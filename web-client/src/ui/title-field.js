/**
 * The editable document title: saved with PATCH after a pause, on blur and on Enter (title-saver.js),
 * with a quiet saved/saving note and a visible error when the server refuses it.
 */
import { h, setInvalid, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { describeError } from '../api/error-messages.js';
import { createTitleSaver } from '../title/title-saver.js';

export function createTitleField({ title, save, onSaved = () => {} }) {
  const noteId = uniqueId('title-note');
  const input = h('input', { id: uniqueId('title'), class: 'title-field__input', type: 'text', maxLength: 200,
    value: title, placeholder: t('list.untitled'), 'aria-label': t('editor.titleField'), 'aria-describedby': noteId, autocomplete: 'off',
    'data-testid': 'doc-title' });
  const note = h('span', { id: noteId, class: 'title-field__note', 'aria-live': 'polite' });
  const element = h('div', { class: 'title-field' }, input, note);

  const saver = createTitleSaver({
    save,
    initialTitle: title,
    onState({ state, error, title: savedTitle }) {
      element.dataset.state = state;
      setInvalid(input, state === 'invalid' || state === 'failed');
      if (state === 'saving') note.textContent = t('editor.titleSaving');
      if (state === 'saved') { note.textContent = t('editor.titleSaved'); onSaved(savedTitle); }
      if (state === 'invalid') note.textContent = t('editor.titleRequired');
      if (state === 'failed') note.textContent = t('editor.titleFailed', { reason: describeError(error) });
    },
  });

  input.addEventListener('input', () => saver.edit(input.value));
  input.addEventListener('blur', () => saver.flush());
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    saver.flush();
  });

  return {
    element,
    input,
    /** Someone renamed the document: show it, unless the user is in the middle of editing the title. */
    showServerTitle(serverTitle) {
      if (document.activeElement === input || !saver.serverTitle(serverTitle)) return false;
      input.value = serverTitle;
      return true;
    },
    setReadOnly(readOnly) { input.readOnly = readOnly; },
    flush: () => saver.flush(),
    dispose() { saver.dispose(); },
  };
}
