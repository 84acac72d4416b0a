/**
 * "Edit" on the users page: an account's display name, organisation, country and email, filled in as
 * they are, checked as the server checks them (users/new-user.js) with each problem at its field. Only
 * what changed is sent. A refusal is shown at the field it is about when that is known, otherwise under
 * the fields, and the dialog stays open so that nothing typed is lost. The username cannot change: it is
 * how the person signs in and what their edits are recorded under.
 */
import { h, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { describeError } from '../api/error-messages.js';
import { readUserChanges, refusedField } from '../users/new-user.js';
import { createProfileFields, showFieldErrors, valuesOf } from './account-fields.js';
import { setBusy, showModal, showRefusal } from './modal.js';

/**
 * `user`: the account as listed; `save(changes)` resolves with the account as saved (or rejects with
 * the server's error); `onSaved(account, changes)` after it closed, `changes` being `{}` when nothing
 * was changed; `onClosed()` whenever it closes, saved or not, to put the focus back.
 */
export function openEditUserDialog({ user, save, onSaved, onClosed }) {
  const name = user.displayName || user.username;
  const titleId = uniqueId('edit-user-title');
  const hintId = uniqueId('edit-user-hint');
  const fields = createProfileFields({ idPrefix: 'edit', values: user });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'edit-user-error' });
  const cancel = h('button', { type: 'button', class: 'button button--quiet', text: t('users.cancel'),
    onclick: () => { if (!busy) modal.close(); } });
  const submit = h('button', { type: 'submit', class: 'button button--primary', text: t('users.save') });
  const form = h('form', { novalidate: true, onsubmit: saveChanges },
    h('h2', { id: titleId, text: t('users.editTitle', { name }) }),
    h('p', { id: hintId, class: 'hint', text: t('users.editHint', { username: user.username }) }),
    Object.values(fields).map((field) => field.element),
    error,
    h('div', { class: 'dialog__actions' }, cancel, submit));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': hintId,
    'data-testid': 'edit-user-dialog' }, form);

  let busy = false;
  const modal = showModal(dialog, { initialFocus: fields.displayName.input, canClose: () => !busy, onClosed });

  async function saveChanges(event) {
    event.preventDefault();
    if (busy) return;
    error.textContent = '';
    const { changes, errors } = readUserChanges(valuesOf(fields), user);
    if (showFieldErrors(fields, errors)) return;
    if (Object.keys(changes).length === 0) {
      modal.close();
      onSaved(user, changes);
      return;
    }
    busy = true;
    setBusy([submit, cancel], true);
    submit.textContent = t('users.saving');
    try {
      const saved = await save(changes);
      modal.close();
      onSaved(saved ?? { ...user, ...changes }, changes);
    } catch (err) {
      const reason = t('users.saveFailed', { reason: describeError(err) });
      showRefusal(reason, { field: fields[refusedField(err, changes)], dialogError: error });
    } finally {
      busy = false;
      setBusy([submit, cancel], false);
      submit.textContent = t('users.save');
    }
  }

  return modal;
}
