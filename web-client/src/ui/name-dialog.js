/**
 * Asks for the display name: once on the first visit (then it cannot be dismissed without a name) and
 * whenever "Change name" is used. A native <dialog>: focus moves into it, stays there, and returns to
 * the opener on close.
 */
import { h, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { MAX_DISPLAY_NAME_LENGTH, normalizeDisplayName } from '../user/display-name.js';

/** Resolves with the entered name, or null when cancelled (only possible when `required` is false). */
export function askDisplayName({ current = '', required }) {
  return new Promise((resolve) => {
    const titleId = uniqueId('name-title');
    const hintId = uniqueId('name-hint');
    const errorId = uniqueId('name-error');
    const input = h('input', {
      id: uniqueId('name-input'), name: 'displayName', type: 'text', autocomplete: 'nickname',
      required: true, maxLength: MAX_DISPLAY_NAME_LENGTH, value: current, 'aria-describedby': `${hintId} ${errorId}`,
    });
    const error = h('p', { id: errorId, class: 'form-error', 'aria-live': 'assertive' });
    const form = h('form', { method: 'dialog', class: 'dialog__form', novalidate: true },
      h('h2', { id: titleId, text: t('user.dialogTitle') }),
      h('p', { id: hintId, class: 'hint', text: t('user.dialogHint') }),
      h('label', { for: input.id, text: t('user.nameField') }),
      input,
      error,
      h('div', { class: 'dialog__actions' },
        required ? null : h('button', { type: 'button', class: 'button button--quiet', text: t('user.cancel'),
          onclick: () => finish(null) }),
        h('button', { type: 'submit', class: 'button button--primary', text: t('user.save') })));
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'data-testid': 'name-dialog' }, form);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = normalizeDisplayName(input.value);
      if (!name) {
        error.textContent = t('user.nameRequired');
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      finish(name);
    });
    // Escape: allowed only when a name exists already.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      if (!required) finish(null);
    });

    function finish(result) {
      dialog.close();
      dialog.remove();
      resolve(result);
    }

    document.body.append(dialog);
    dialog.showModal();
    input.focus();
    input.select();
  });
}
