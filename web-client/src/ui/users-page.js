/**
 * The accounts, for administrators: everyone with their organisation, country, email and status; a
 * form to create an account (checked as the server checks it, each problem shown at its field); and
 * per account, disable/enable and make administrator or not. An administrator cannot disable or demote
 * themselves here, so nobody locks the last administrator out by accident.
 */
import { h, replaceChildren, setInvalid, uniqueId } from './dom.js';
import { locale, t } from '../strings/index.js';
import { describeError } from '../api/error-messages.js';
import { MAX_DISPLAY_NAME_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, readNewUser } from '../users/new-user.js';
import { affiliationOf } from '../user/account.js';

export function renderUsersPage({ main, usersApi, me }) {
  const headingId = uniqueId('users-heading');
  document.title = `${t('users.heading')} – ${t('app.name')}`;
  if (!me.admin) {
    replaceChildren(main,
      h('h1', { id: headingId, text: t('users.heading') }),
      h('p', { class: 'message message--warning', role: 'status', text: t('users.adminsOnly') }));
    return { destroy() {} };
  }

  const status = h('p', { class: 'users__status', role: 'status' });
  const form = createNewUserForm({
    usersApi,
    async onCreated(user) {
      await refresh();
      status.textContent = t('users.created', { name: user.displayName || user.username });
    },
  });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const rows = h('tbody');
  const table = h('table', { class: 'users__table', hidden: true, 'data-testid': 'users-table' },
    h('caption', { class: 'visually-hidden', text: t('users.caption') }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: t('users.columnName') }),
      h('th', { scope: 'col', text: t('users.columnUsername') }),
      h('th', { scope: 'col', text: t('users.columnAffiliation') }),
      h('th', { scope: 'col', text: t('users.columnEmail') }),
      h('th', { scope: 'col', text: t('users.columnStatus') }),
      h('th', { scope: 'col', text: t('users.columnActions') }))),
    rows);
  const listHeadingId = uniqueId('users-list-heading');

  replaceChildren(main,
    h('h1', { id: headingId, text: t('users.heading') }),
    h('section', { class: 'panel', 'aria-labelledby': form.headingId }, form.element),
    h('section', { class: 'panel', 'aria-labelledby': listHeadingId },
      h('h2', { id: listHeadingId, text: t('users.listHeading') }),
      status, error, table));

  let destroyed = false;
  let busy = false;

  async function refresh() {
    try {
      const users = await usersApi.listUsers();
      if (destroyed) return;
      showUsers(users);
    } catch (err) {
      if (!destroyed) error.textContent = t('users.loadFailed', { reason: describeError(err) });
    }
  }

  function showUsers(users) {
    const focused = document.activeElement?.closest?.('[data-username]');
    const focusedUsername = focused?.dataset.username;
    const focusedControl = document.activeElement?.dataset?.control;
    const collator = new Intl.Collator(locale());
    const sorted = [...users].sort((a, b) => collator.compare(a.displayName || a.username, b.displayName || b.username));
    replaceChildren(rows, sorted.map(renderUser));
    table.hidden = sorted.length === 0;
    if (focusedUsername && focusedControl) {
      rows.querySelector(`[data-username="${CSS.escape(focusedUsername)}"] [data-control="${focusedControl}"]`)?.focus();
    }
  }

  function renderUser(user) {
    const name = user.displayName || user.username;
    const isMe = user.username === me.username;
    const place = affiliationOf(user);
    const statusText = [user.disabled ? t('users.disabled') : t('users.active'), user.admin ? t('users.admin') : null]
      .filter(Boolean).join(' · ');
    return h('tr', { 'data-username': user.username, 'data-disabled': user.disabled ? 'true' : undefined },
      h('th', { scope: 'row', text: isMe ? t('people.you', { name }) : name }),
      h('td', { text: user.username }),
      h('td', { text: place }),
      h('td', { text: user.email ?? '' }),
      h('td', { class: 'users__state', text: statusText }),
      h('td', {}, isMe ? h('span', { class: 'muted', text: t('users.noSelfChange') }) : h('div', { class: 'users__actions' },
        h('button', { type: 'button', class: 'button', 'data-control': 'disabled',
          text: user.disabled ? t('users.enable') : t('users.disable'),
          'aria-label': user.disabled ? t('users.enableNamed', { name }) : t('users.disableNamed', { name }),
          onclick: () => change(user, { disabled: !user.disabled }) }),
        h('button', { type: 'button', class: 'button', 'data-control': 'admin',
          text: user.admin ? t('users.removeAdmin') : t('users.makeAdmin'),
          'aria-label': user.admin ? t('users.removeAdminNamed', { name }) : t('users.makeAdminNamed', { name }),
          onclick: () => change(user, { admin: !user.admin }) }))));
  }

  async function change(user, changes) {
    if (busy) return;
    busy = true;
    error.textContent = '';
    try {
      const updated = await usersApi.updateUser(user.username, changes);
      const name = updated?.displayName || user.displayName || user.username;
      await refresh(); // the table first, so what is announced is also what is shown
      status.textContent = describeChange(changes, name);
    } catch (err) {
      error.textContent = t('users.changeFailed', { reason: describeError(err) });
    } finally {
      busy = false;
    }
  }

  refresh();
  return {
    destroy() { destroyed = true; },
  };
}

function describeChange(changes, name) {
  if (changes.disabled === true) return t('users.disabledDone', { name });
  if (changes.disabled === false) return t('users.enabledDone', { name });
  if (changes.admin === true) return t('users.madeAdmin', { name });
  return t('users.removedAdmin', { name });
}

/** The "new user" form: each field labelled, its error next to it; the server's refusal under the button. */
function createNewUserForm({ usersApi, onCreated }) {
  const headingId = uniqueId('new-user-heading');
  const fields = {
    username: field({ name: 'username', label: t('users.username'), hint: t('users.usernameHint'),
      autocomplete: 'off', maxLength: 64, autocapitalize: 'none', spellcheck: 'false' }),
    displayName: field({ name: 'displayName', label: t('users.displayName'), hint: t('users.displayNameHint'),
      autocomplete: 'off', maxLength: MAX_DISPLAY_NAME_LENGTH }),
    password: field({ name: 'password', label: t('users.password'), hint: t('users.passwordHint', { min: MIN_PASSWORD_LENGTH }),
      type: 'password', autocomplete: 'new-password', maxLength: MAX_PASSWORD_LENGTH }),
    organisation: field({ name: 'organisation', label: t('users.organisation'), autocomplete: 'off', maxLength: 200 }),
    country: field({ name: 'country', label: t('users.country'), autocomplete: 'off', maxLength: 200 }),
    email: field({ name: 'email', label: t('users.email'), type: 'email', autocomplete: 'off', maxLength: 200 }),
  };
  const adminBox = h('input', { id: uniqueId('new-admin'), type: 'checkbox', name: 'admin' });
  const submit = h('button', { type: 'submit', class: 'button button--primary', text: t('users.create') });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const element = h('form', { class: 'new-user', novalidate: true, onsubmit: create },
    h('h2', { id: headingId, text: t('users.newHeading') }),
    h('div', { class: 'new-user__grid' }, Object.values(fields).map((f) => f.element)),
    h('div', { class: 'checkbox' }, adminBox, h('label', { for: adminBox.id, text: t('users.adminField') })),
    error,
    h('div', { class: 'new-user__actions' }, submit));

  async function create(event) {
    event.preventDefault();
    const values = Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.input.value]));
    const { user, errors } = readNewUser({ ...values, admin: adminBox.checked });
    for (const [name, f] of Object.entries(fields)) f.showError(errors[name]);
    error.textContent = '';
    const firstWrong = Object.keys(fields).find((name) => errors[name]);
    if (firstWrong) { fields[firstWrong].input.focus(); return; }
    submit.disabled = true;
    try {
      const created = await usersApi.createUser(user);
      for (const f of Object.values(fields)) f.input.value = '';
      adminBox.checked = false;
      onCreated(created ?? user);
      fields.username.input.focus();
    } catch (err) {
      if (err?.code === 'ERR_USER_EXISTS') {
        fields.username.showError(describeError(err));
        fields.username.input.focus();
      } else {
        error.textContent = t('users.createFailed', { reason: describeError(err) });
      }
    } finally {
      submit.disabled = false;
    }
  }

  return { element, headingId };
}

/** A labelled input with an optional hint and a place for its error, both tied to it for screen readers. */
function field({ name, label, hint, type = 'text', ...props }) {
  const id = uniqueId(`new-${name}`);
  const hintId = hint ? uniqueId(`new-${name}-hint`) : null;
  const errorId = uniqueId(`new-${name}-error`);
  const input = h('input', { id, name, type, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' '), ...props });
  const errorText = h('p', { id: errorId, class: 'form-error' });
  const element = h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    input,
    hint ? h('p', { id: hintId, class: 'hint', text: hint }) : null,
    errorText);
  return {
    element,
    input,
    showError(message) {
      errorText.textContent = message ?? '';
      setInvalid(input, Boolean(message));
    },
  };
}
