/**
 * "Reset password" on the users page: a new password for an account. A new password ends every session
 * of that person (the server signs out their open pages), which the dialog says before anything is
 * set; for the administrator's own account, that this page is signed out too. "Show the password" lets
 * the administrator read back what they are about to hand over.
 */
import { h, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { describeError } from '../api/error-messages.js';
import { readNewPassword, refusedField } from '../users/new-user.js';
import { createPasswordField, passwordHint, showFieldErrors } from './account-fields.js';
import { setBusy, showModal, showRefusal } from './modal.js';

/**
 * `user`: the account as listed; `isMe`: it is the signed-in administrator's own; `save(changes)`
 * resolves once the server has the password; `onSaved(account)` after the dialog closed; `onClosed()`
 * whenever it closes, to put the focus back.
 */
export function openPasswordDialog({ user, isMe, save, onSaved, onClosed }) {
  const name = user.displayName || user.username;
  const titleId = uniqueId('password-title');
  const warningId = uniqueId('password-warning');
  const field = createPasswordField({ idPrefix: 'reset', label: t('users.newPassword'),
    hint: passwordHint({ forSomeoneElse: !isMe }) });
  const showBox = h('input', { id: uniqueId('reset-show'), type: 'checkbox',
    onchange: () => { field.input.type = showBox.checked ? 'text' : 'password'; } });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'password-error' });
  const cancel = h('button', { type: 'button', class: 'button button--quiet', text: t('users.cancel'),
    onclick: () => { if (!busy) modal.close(); } });
  const submit = h('button', { type: 'submit', class: 'button button--primary', text: t('users.setPassword') });
  const form = h('form', { novalidate: true, onsubmit: setPassword },
    h('h2', { id: titleId, text: isMe ? t('users.resetTitleOwn') : t('users.resetTitle', { name }) }),
    h('p', { id: warningId, class: 'message message--warning',
      text: isMe ? t('users.resetWarningOwn') : t('users.resetWarning', { name }) }),
    field.element,
    h('div', { class: 'checkbox' }, showBox, h('label', { for: showBox.id, text: t('users.showPassword') })),
    error,
    h('div', { class: 'dialog__actions' }, cancel, submit));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': warningId,
    'data-testid': 'password-dialog' }, form);

  let busy = false;
  const modal = showModal(dialog, { initialFocus: field.input, canClose: () => !busy, onClosed });

  async function setPassword(event) {
    event.preventDefault();
    if (busy) return;
    error.textContent = '';
    const { changes, errors } = readNewPassword(field.input.value);
    if (showFieldErrors({ password: field }, errors)) return;
    busy = true;
    setBusy([submit, cancel], true);
    submit.textContent = t('users.saving');
    try {
      const saved = await save(changes);
      field.input.value = ''; // not kept in the page longer than needed
      modal.close();
      onSaved(saved ?? user);
    } catch (err) {
      const reason = t('users.passwordFailed', { reason: describeError(err) });
      showRefusal(reason, { field: refusedField(err, changes) ? field : null, dialogError: error });
    } finally {
      busy = false;
      setBusy([submit, cancel], false);
      submit.textContent = t('users.setPassword');
    }
  }

  return modal;
}
