/**
 * The sign-in form: username, password, submit, and a clear reason when it fails (wrong password, a
 * disabled account, too many attempts, no network). Used by the sign-in page and by the "sign in
 * again" dialog that keeps an editor's unsent changes on screen.
 */
import { h, setInvalid, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { describeSignInError } from '../api/error-messages.js';

/** `otherAction` ({label, onClick}): a second button beside "Sign in" (the dialog's "Not now"). */
export function createSignInForm({ sessionApi, onSignedIn, username = '', otherAction = null }) {
  const errorId = uniqueId('sign-in-error');
  const usernameInput = h('input', { id: uniqueId('username'), name: 'username', type: 'text', value: username,
    autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true, maxLength: 64,
    'aria-describedby': errorId, 'data-testid': 'sign-in-username' });
  const passwordInput = h('input', { id: uniqueId('password'), name: 'password', type: 'password',
    autocomplete: 'current-password', required: true, maxLength: 1024, 'aria-describedby': errorId,
    'data-testid': 'sign-in-password' });
  const submit = h('button', { type: 'submit', class: 'button button--primary', text: t('signIn.submit') });
  const error = h('p', { id: errorId, class: 'form-error', role: 'alert', 'data-testid': 'sign-in-error' });
  const element = h('form', { class: 'sign-in__form', novalidate: true, onsubmit: signIn },
    h('div', { class: 'field' },
      h('label', { for: usernameInput.id, text: t('signIn.username') }), usernameInput),
    h('div', { class: 'field' },
      h('label', { for: passwordInput.id, text: t('signIn.password') }), passwordInput),
    error,
    h('div', { class: 'sign-in__actions' },
      otherAction ? h('button', { type: 'button', class: 'button button--quiet', text: otherAction.label,
        onclick: otherAction.onClick }) : null,
      submit));

  let busy = false;

  function showError(text, field) {
    error.textContent = text;
    for (const input of [usernameInput, passwordInput]) setInvalid(input, input === field);
    field?.focus();
  }

  async function signIn(event) {
    event.preventDefault();
    if (busy) return;
    const name = usernameInput.value.trim();
    if (!name) { showError(t('signIn.usernameRequired'), usernameInput); return; }
    if (!passwordInput.value) { showError(t('signIn.passwordRequired'), passwordInput); return; }
    busy = true;
    submit.disabled = true;
    submit.textContent = t('signIn.submitting');
    error.textContent = '';
    try {
      const account = await sessionApi.signIn(name, passwordInput.value);
      passwordInput.value = '';
      onSignedIn(account);
    } catch (err) {
      // A wrong password is most likely the password's fault: empty it and start over there.
      if (err?.code === 'ERR_UNAUTHENTICATED') passwordInput.value = '';
      showError(describeSignInError(err), err?.code === 'ERR_UNAUTHENTICATED' ? passwordInput : null);
    } finally {
      busy = false;
      submit.disabled = false;
      submit.textContent = t('signIn.submit');
    }
  }

  return {
    element,
    /** Focus where typing starts: the username, or the password when the username is known. */
    focus() { (usernameInput.value ? passwordInput : usernameInput).focus(); },
  };
}
