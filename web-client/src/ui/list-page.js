/**
 * The document list: the documents shared with this user (all of them for administrators), with their
 * role in each, when each was last changed and who is in it; and a form to create one (its creator
 * becomes its manager).
 * Refreshed every 15 s while visible, in place, so keyboard focus inside the table survives a refresh.
 */
import { h, replaceChildren, uniqueId } from './dom.js';
import { locale, t } from '../strings/index.js';
import { docHref } from '../routing/routes.js';
import { describeError } from '../api/error-messages.js';
import { formatExactTime, formatLastChange } from '../format/last-change.js';
import { assignColors } from '../presence/colors.js';
import { roleLabel } from '../access/roles.js';

const REFRESH_MS = 15_000;
const LIST_LIMIT = 100;

export function renderListPage({ main, api, navigate }) {
  const headingId = uniqueId('list-heading');
  const newHeadingId = uniqueId('new-heading');
  const titleInput = h('input', { id: uniqueId('new-title'), name: 'title', type: 'text', maxLength: 200,
    autocomplete: 'off', 'data-testid': 'new-title' });
  const createButton = h('button', { type: 'submit', class: 'button button--primary', text: t('list.create') });
  const createError = h('p', { class: 'form-error', 'aria-live': 'assertive' });
  const form = h('form', { class: 'new-doc__form', novalidate: true, onsubmit: create },
    h('label', { for: titleInput.id, text: t('list.newTitleField') }),
    h('div', { class: 'new-doc__row' }, titleInput, createButton),
    createError);

  const listStatus = h('p', { class: 'doc-list__status', role: 'status', text: t('list.loading') });
  const rows = h('tbody');
  const table = h('table', { class: 'doc-list__table', hidden: true, 'data-testid': 'doc-list' },
    h('caption', { class: 'visually-hidden', text: t('list.caption') }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: t('list.columnTitle') }),
      h('th', { scope: 'col', text: t('list.columnRole') }),
      h('th', { scope: 'col', text: t('list.columnChanged') }),
      h('th', { scope: 'col', text: t('list.columnOnline') }))),
    rows);

  replaceChildren(main,
    h('h1', { id: headingId, text: t('list.heading') }),
    h('section', { class: 'new-doc', 'aria-labelledby': newHeadingId },
      h('h2', { id: newHeadingId, text: t('list.newHeading') }), form),
    h('section', { class: 'doc-list', 'aria-labelledby': headingId },
      h('div', { class: 'doc-list__bar' },
        h('button', { type: 'button', class: 'button', text: t('list.refresh'), onclick: () => refresh() })),
      listStatus, table));
  document.title = t('app.name');

  const rowsById = new Map();
  let destroyed = false;

  async function refresh() {
    try {
      const docs = await api.listDocs({ limit: LIST_LIMIT });
      if (!destroyed) showDocs(docs);
    } catch (err) {
      if (destroyed) return;
      listStatus.textContent = t('list.loadFailed', { reason: describeError(err) });
      listStatus.hidden = false;
    }
  }

  function showDocs(docs) {
    const focusedRowId = [...rowsById].find(([, row]) => row.contains(document.activeElement))?.[0];
    const seen = new Set();
    const ordered = docs.map((doc) => {
      seen.add(doc.id);
      const row = rowsById.get(doc.id) ?? createRow(doc.id);
      rowsById.set(doc.id, row);
      fillRow(row, doc);
      return row;
    });
    for (const [id, row] of rowsById) {
      if (!seen.has(id)) { row.remove(); rowsById.delete(id); }
    }
    const orderChanged = ordered.some((row, i) => rows.children[i] !== row);
    if (orderChanged) {
      rows.append(...ordered);
      rowsById.get(focusedRowId)?.querySelector('a')?.focus();
    }
    table.hidden = docs.length === 0;
    listStatus.hidden = docs.length !== 0;
    listStatus.textContent = docs.length === 0 ? t('list.empty') : '';
  }

  async function create(event) {
    event.preventDefault();
    const title = titleInput.value.trim();
    if (!title) {
      createError.textContent = t('list.titleRequired');
      titleInput.setAttribute('aria-invalid', 'true');
      titleInput.focus();
      return;
    }
    createError.textContent = '';
    titleInput.removeAttribute('aria-invalid');
    createButton.disabled = true;
    createButton.textContent = t('list.creating');
    try {
      const doc = await api.createDoc(title);
      navigate(docHref(doc.id));
    } catch (err) {
      createError.textContent = describeError(err);
      titleInput.focus();
    } finally {
      createButton.disabled = false;
      createButton.textContent = t('list.create');
    }
  }

  const refreshIfVisible = () => { if (document.visibilityState === 'visible') refresh(); };
  const timer = setInterval(refreshIfVisible, REFRESH_MS);
  document.addEventListener('visibilitychange', refreshIfVisible);
  refresh();

  return {
    /** Someone shared a document with this user or took it away: list what they may open now. */
    accessChanged() { refresh(); },
    destroy() {
      destroyed = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refreshIfVisible);
    },
  };
}

function createRow(id) {
  return h('tr', { 'data-doc-id': id },
    h('th', { scope: 'row' }, h('a', { href: docHref(id), class: 'doc-list__title' })),
    h('td', { class: 'doc-list__role' }),
    h('td', {}, h('time', { class: 'doc-list__changed' })),
    h('td', { class: 'doc-list__online' }));
}

function fillRow(row, doc) {
  const link = row.querySelector('a');
  link.textContent = doc.title || t('list.untitled');
  row.querySelector('.doc-list__role').textContent = roleLabel(doc.role);
  const time = row.querySelector('time');
  time.textContent = formatLastChange(doc.updatedAt);
  if (Number.isFinite(doc.updatedAt)) {
    time.dateTime = new Date(doc.updatedAt).toISOString();
    time.title = formatExactTime(doc.updatedAt);
  } else {
    time.removeAttribute('datetime');
    time.removeAttribute('title');
  }
  const names = [...new Set((doc.online ?? []).map((person) => person?.name).filter(Boolean))];
  const online = row.querySelector('.doc-list__online');
  if (!names.length) {
    replaceChildren(online, h('span', { class: 'muted', text: t('list.nobodyOnline') }));
    return;
  }
  // The names for screen readers as one phrase ("Aino and Ben"), with a colour chip each on screen.
  const phrase = new Intl.ListFormat(locale(), { type: 'conjunction' }).format(names);
  const colors = assignColors(names);
  replaceChildren(online,
    h('span', { class: 'visually-hidden', text: phrase }),
    h('span', { class: 'chips', 'aria-hidden': 'true' },
      names.map((name) => h('span', { class: 'chip', style: `--user-color: ${colors.get(name)}`, text: name }))));
}
