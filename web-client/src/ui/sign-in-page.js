/**
 * The page shown without a valid session: the sign-in form, and why it is shown when the session
 * ended on its own. Signing in goes on to the page the user wanted (see routes.js, `next`).
 */
import { h, replaceChildren, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { createSignInForm } from './sign-in-form.js';

/** `notice`: 'session-ended', 'password-changed', 'unreachable' or null. */
export function renderSignInPage({ main, sessionApi, notice = null, onSignedIn }) {
  const headingId = uniqueId('sign-in-heading');
  const form = createSignInForm({ sessionApi, onSignedIn });
  replaceChildren(main,
    h('section', { class: 'sign-in', 'aria-labelledby': headingId, 'data-testid': 'sign-in' },
      h('h1', { id: headingId, text: t('signIn.heading') }),
      noticeElement(notice),
      h('p', { class: 'hint', text: t('signIn.hint') }),
      form.element));
  document.title = `${t('signIn.heading')} – ${t('app.name')}`;
  form.focus();
  return { destroy() {} };
}

function noticeElement(notice) {
  if (notice === 'session-ended') {
    return h('p', { class: 'message message--warning', role: 'status', text: t('signIn.sessionEnded') });
  }
  if (notice === 'password-changed') {
    return h('p', { class: 'message message--info', role: 'status', text: t('signIn.passwordChanged') });
  }
  if (notice === 'unreachable') {
    return h('p', { class: 'message message--warning', role: 'status', text: t('signIn.unreachable') });
  }
  return null;
}
