/**
 * The accounts, for administrators: everyone with their organisation, country, email and status; a
 * form to create an account (checked as the server checks it, each problem shown at its field); and
 * per account, "Edit" (name, organisation, country, email), "Reset password", disable/enable and make
 * administrator or not. An administrator cannot disable or demote themselves here, so nobody locks the
 * last administrator out by accident; they may edit their own account and set their own password.
 */
import { h, replaceChildren, uniqueId } from './dom.js';
import { locale, t } from '../strings/index.js';
import { describeError } from '../api/error-messages.js';
import { readNewUser } from '../users/new-user.js';
import { affiliationOf } from '../user/account.js';
import { createField, createPasswordField, createProfileFields, passwordHint, showFieldErrors, valuesOf } from './account-fields.js';
import { openEditUserDialog } from './edit-user-dialog.js';
import { openPasswordDialog } from './password-dialog.js';

/**
 * `me`: the signed-in user. `onOwnAccountChanged(account)`: they edited their own account (the header
 * shows their name). `onOwnPasswordChanged()`: they set their own password, which ended their session
 * on the server, this page's too: the app signs them out and says why.
 */
export function renderUsersPage({ main, usersApi, me, onOwnAccountChanged = () => {}, onOwnPasswordChanged = () => {} }) {
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
  let dialog = null; // the "edit" or "reset password" dialog, while open

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
      h('td', {}, h('div', { class: 'users__actions' },
        h('button', { type: 'button', class: 'button', 'data-control': 'edit', text: t('users.edit'),
          'aria-label': t('users.editNamed', { name }), 'aria-haspopup': 'dialog', onclick: () => openEdit(user) }),
        h('button', { type: 'button', class: 'button', 'data-control': 'password', text: t('users.resetPassword'),
          'aria-label': t('users.resetPasswordNamed', { name }), 'aria-haspopup': 'dialog', onclick: () => openPassword(user) }),
        // Not for oneself: disabling or demoting oneself could leave nobody to manage users.
        isMe ? null : h('button', { type: 'button', class: 'button', 'data-control': 'disabled',
          text: user.disabled ? t('users.enable') : t('users.disable'),
          'aria-label': user.disabled ? t('users.enableNamed', { name }) : t('users.disableNamed', { name }),
          onclick: () => change(user, { disabled: !user.disabled }) }),
        isMe ? null : h('button', { type: 'button', class: 'button', 'data-control': 'admin',
          text: user.admin ? t('users.removeAdmin') : t('users.makeAdmin'),
          'aria-label': user.admin ? t('users.removeAdminNamed', { name }) : t('users.makeAdminNamed', { name }),
          onclick: () => change(user, { admin: !user.admin }) }))));
  }

  function openEdit(user) {
    if (busy || dialog?.isOpen()) return;
    dialog = openEditUserDialog({
      user,
      save: (changes) => usersApi.updateUser(user.username, changes),
      onClosed: () => focusControl(user.username, 'edit'),
      async onSaved(account, changes) {
        if (destroyed) return;
        const name = account.displayName || account.username;
        error.textContent = '';
        if (Object.keys(changes).length === 0) {
          status.textContent = t('users.nothingChanged', { name });
          return;
        }
        if (account.username === me.username) onOwnAccountChanged(account);
        await refresh(); // the table first, so what is announced is also what is shown
        status.textContent = t('users.saved', { name });
      },
    });
  }

  function openPassword(user) {
    if (busy || dialog?.isOpen()) return;
    const isMe = user.username === me.username;
    dialog = openPasswordDialog({
      user,
      isMe,
      save: (changes) => usersApi.updateUser(user.username, changes),
      onClosed: () => focusControl(user.username, 'password'),
      async onSaved(account) {
        // Even when the page is gone already: the server may have closed this page's connection
        // (its session ended) before the answer came, and the app should still say why.
        if (isMe) { onOwnPasswordChanged(); return; }
        if (destroyed) return;
        error.textContent = '';
        await refresh();
        status.textContent = t('users.passwordReset', { name: account.displayName || account.username });
      },
    });
  }

  /** Puts the focus back on a row's button after a dialog; the row may have been drawn again meanwhile. */
  function focusControl(username, control) {
    if (destroyed) return;
    rows.querySelector(`[data-username="${CSS.escape(username)}"] [data-control="${control}"]`)?.focus();
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
    destroy() {
      destroyed = true;
      dialog?.close(); // a dialog is not part of the page: it would stay over the next one
    },
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
  const profile = createProfileFields({ idPrefix: 'new' });
  const fields = {
    username: createField({ idPrefix: 'new', name: 'username', label: t('users.username'), hint: t('users.usernameHint'),
      autocomplete: 'off', maxLength: 64, autocapitalize: 'none', spellcheck: 'false' }),
    displayName: profile.displayName,
    password: createPasswordField({ idPrefix: 'new', label: t('users.password'), hint: passwordHint() }),
    organisation: profile.organisation,
    country: profile.country,
    email: profile.email,
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
    const { user, errors } = readNewUser({ ...valuesOf(fields), admin: adminBox.checked });
    error.textContent = '';
    if (showFieldErrors(fields, errors)) return;
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
