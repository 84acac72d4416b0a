/**
 * "Share": who has access to this document and with which role. A manager (or an administrator) adds
 * a person with a role, changes a role, or removes someone; everyone else sees the list only. Each
 * change is saved at once and the list shown is the one the server answers with, so it is never out
 * of step. A native modal <dialog>: focus moves into it, stays there, and returns to the opener.
 */
import { h, replaceChildren, uniqueId } from './dom.js';
import { locale, t } from '../strings/index.js';
import { DEFAULT_ROLE, ROLES, roleHint, roleLabel } from '../access/roles.js';
import { describeError } from '../api/error-messages.js';
import { affiliationOf } from '../user/account.js';

/**
 * `me`: the signed-in user; `canManage`: may change access; `onOwnAccessChanged()`: the user changed
 * their own role or removed themselves, so the page re-reads what they may do.
 */
export function openShareDialog({ docId, docTitle, docsApi, usersApi, me, canManage, onOwnAccessChanged = () => {} }) {
  const titleId = uniqueId('share-title');
  const listHeadingId = uniqueId('share-list-heading');
  const status = h('p', { class: 'share__status', role: 'status' });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'share-error' });
  const list = h('ul', { class: 'share__list', 'aria-labelledby': listHeadingId, 'data-testid': 'share-list' });
  const addForm = canManage ? createAddForm() : null;
  const closeButton = h('button', { type: 'button', class: 'button', text: t('share.close'), onclick: () => close() });
  const dialog = h('dialog', { class: 'dialog dialog--wide', 'aria-labelledby': titleId, 'data-testid': 'share-dialog' },
    h('h2', { id: titleId, text: docTitle ? t('share.titleNamed', { title: docTitle }) : t('share.title') }),
    h('p', { class: 'hint', text: canManage ? t('share.managerHint') : t('share.readOnlyHint') }),
    h('h3', { id: listHeadingId, text: t('share.listHeading') }),
    status,
    list,
    addForm?.element,
    error,
    h('div', { class: 'dialog__actions' }, closeButton));

  let access = [];
  let users = [];
  let busy = false;

  dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(); });
  document.body.append(dialog);
  dialog.showModal();
  closeButton.focus();
  load();

  async function load() {
    status.textContent = t('share.loading');
    try {
      [access, users] = await Promise.all([docsApi.listAccess(docId), canManage ? usersApi.listUsers() : []]);
      status.textContent = '';
      render();
      (addForm?.personSelect ?? closeButton).focus();
    } catch (err) {
      status.textContent = '';
      error.textContent = t('share.loadFailed', { reason: describeError(err) });
    }
  }

  function render() {
    // Keep the keyboard focus on the same person's control across the re-render.
    const focused = document.activeElement?.closest?.('[data-username]');
    const focusedUsername = focused?.dataset.username;
    const focusedControl = document.activeElement?.dataset?.control;
    const collator = new Intl.Collator(locale());
    const sorted = [...access].sort((a, b) => (rank(a.role) - rank(b.role))
      || collator.compare(a.displayName || a.username, b.displayName || b.username));
    replaceChildren(list, sorted.map(renderPerson));
    addForm?.showChoices(users.filter((user) => !access.some((person) => person.username === user.username)));
    if (focusedUsername && focusedControl) {
      list.querySelector(`[data-username="${CSS.escape(focusedUsername)}"] [data-control="${focusedControl}"]`)?.focus();
    }
  }

  function renderPerson(person) {
    const name = person.displayName || person.username;
    const isMe = person.username === me.username;
    const detail = [affiliationOf(person), person.username].filter(Boolean).join(' · ');
    const roleControl = canManage
      ? h('select', { class: 'share__role', 'aria-label': t('share.roleOf', { name }), 'data-control': 'role',
        onchange: (event) => changeRole(person, event.target) },
      ROLES.map((role) => h('option', { value: role, text: roleLabel(role), selected: role === person.role })))
      : h('span', { class: 'share__role-text', text: roleLabel(person.role) });
    return h('li', { class: 'share__person', 'data-username': person.username },
      h('div', { class: 'share__who' },
        h('span', { class: 'share__name', text: isMe ? t('people.you', { name }) : name }),
        h('span', { class: 'share__detail muted', text: detail })),
      roleControl,
      canManage ? h('button', { type: 'button', class: 'button button--quiet', text: t('share.remove'),
        'aria-label': t('share.removeNamed', { name }), 'data-control': 'remove', onclick: () => remove(person) }) : null);
  }

  /** Runs one change; shows its result or why it failed. Resolves true when it was saved. */
  async function save(change, savedText) {
    if (busy) return false;
    busy = true;
    error.textContent = '';
    status.textContent = t('share.saving');
    try {
      access = await change();
      status.textContent = savedText;
      render();
      return true;
    } catch (err) {
      status.textContent = '';
      error.textContent = t('share.saveFailed', { reason: describeError(err) });
      render(); // puts a refused role back in its picker
      return false;
    } finally {
      busy = false;
    }
  }

  async function changeRole(person, select) {
    const role = select.value;
    const name = person.displayName || person.username;
    const saved = await save(() => docsApi.setAccess(docId, person.username, role),
      t('share.changed', { name, role: roleLabel(role) }));
    if (saved && person.username === me.username) ownAccessChanged();
  }

  async function remove(person) {
    const name = person.displayName || person.username;
    const saved = await save(() => docsApi.removeAccess(docId, person.username), t('share.removed', { name }));
    if (!saved) return;
    if (person.username === me.username) { ownAccessChanged(); return; }
    (list.querySelector('[data-control="role"], [data-control="remove"]') ?? addForm?.personSelect ?? closeButton).focus();
  }

  function ownAccessChanged() {
    close();
    onOwnAccessChanged();
  }

  function createAddForm() {
    const headingId = uniqueId('share-add-heading');
    const personSelect = h('select', { id: uniqueId('share-person'), name: 'person', 'data-testid': 'share-person' });
    const roleSelect = h('select', { id: uniqueId('share-role'), name: 'role', 'data-testid': 'share-role' },
      ROLES.map((role) => h('option', { value: role, text: `${roleLabel(role)} – ${roleHint(role)}`,
        selected: role === DEFAULT_ROLE })));
    const element = h('form', { class: 'share__add', novalidate: true, 'aria-labelledby': headingId, onsubmit: add },
      h('h3', { id: headingId, text: t('share.addHeading') }),
      h('div', { class: 'share__add-row' },
        h('div', { class: 'field' }, h('label', { for: personSelect.id, text: t('share.person') }), personSelect),
        h('div', { class: 'field' }, h('label', { for: roleSelect.id, text: t('share.role') }), roleSelect),
        h('button', { type: 'submit', class: 'button button--primary', text: t('share.add') })));

    async function add(event) {
      event.preventDefault();
      const username = personSelect.value;
      if (!username) {
        error.textContent = t('share.choosePerson');
        personSelect.focus();
        return;
      }
      const person = users.find((user) => user.username === username);
      const name = person?.displayName || username;
      const saved = await save(() => docsApi.setAccess(docId, username, roleSelect.value),
        t('share.added', { name, role: roleLabel(roleSelect.value) }));
      if (saved) personSelect.focus();
    }

    return {
      element,
      personSelect,
      /** The people who could still be added, by name. */
      showChoices(candidates) {
        const collator = new Intl.Collator(locale());
        const sorted = [...candidates].sort((a, b) => collator.compare(a.displayName || a.username, b.displayName || b.username));
        const chosen = personSelect.value;
        replaceChildren(personSelect,
          h('option', { value: '', text: sorted.length ? t('share.choose') : t('share.nobodyLeft') }),
          sorted.map((user) => h('option', { value: user.username, text: personOption(user),
            selected: user.username === chosen })));
      },
    };
  }

  function close() {
    if (!dialog.isConnected) return;
    dialog.close();
    dialog.remove();
  }

  return { close };
}

function rank(role) {
  const index = ROLES.indexOf(role);
  return index < 0 ? ROLES.length : index;
}

/** "Ben Berg, Ministry of Fisheries, Sweden (ben)": enough to tell two people of the same name apart. */
function personOption(user) {
  const name = user.displayName || user.username;
  const place = affiliationOf(user);
  return place ? t('share.personWithPlace', { name, place, username: user.username })
    : t('share.personPlain', { name, username: user.username });
}
