/**
 * "Sign in again", over an editor whose session ended while some edits had not reached the server.
 * The page (and its unsent text) stays where it is behind the dialog; once signed in, the same
 * connection reconnects and the stock client sends what it kept. Cancel keeps the page as it is, with
 * its message and a button to come back here.
 */
import { h, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { createSignInForm } from './sign-in-form.js';

export function openSignInDialog({ sessionApi, username, onSignedIn }) {
  const titleId = uniqueId('sign-in-again-title');
  const hintId = uniqueId('sign-in-again-hint');
  const form = createSignInForm({
    sessionApi,
    username,
    onSignedIn: (account) => { close(); onSignedIn(account); },
    otherAction: { label: t('signIn.cancel'), onClick: () => close() },
  });
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': hintId,
    'data-testid': 'sign-in-dialog' },
  h('h2', { id: titleId, text: t('signIn.againHeading') }),
  h('p', { id: hintId, class: 'hint', text: t('signIn.againHint') }),
  form.element);

  dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(); });

  function close() {
    if (!dialog.isConnected) return;
    dialog.close();
    dialog.remove();
  }

  document.body.append(dialog);
  dialog.showModal();
  form.focus();
  return { close, isOpen: () => dialog.isConnected };
}
