/**
 * "Comments" beside the text: a filter (open, resolved, all) and one card per thread, in the order
 * comment-threads.js gives (open ones in document order, then detached ones). A card shows the quoted
 * passage (pressing it selects the thread: its passage is highlighted more strongly and scrolled to),
 * "detached" when all its text was deleted, the messages with author, how long ago and "edited", a
 * reply box, Resolve or Reopen, and Edit and Delete on one's own messages (comment-threads.js says who
 * may do what).
 *
 * Ops arrive keystroke by keystroke and threads change under the reader's eyes: a card is rebuilt only
 * when something it shows changed, what was typed into a reply or an edit is kept, and so is the focus.
 */
import { h, replaceChildren, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { colorForName } from '../presence/colors.js';
import { formatExactTime, formatLastChange } from '../format/last-change.js';
import { STATUSES, messageActionsFor, threadActionsFor } from '../comments/comment-threads.js';
import { excerptOf } from '../suggestions/suggestion-list.js';

/** As long as the server allows a message to be. */
export const MAX_MESSAGE_LENGTH = 5000;

/**
 * `onSelect(threadId)`: show the thread's passage; `onFilter(status)`: another filter was chosen;
 * `onAct(action, thread, {message, text})`: ask the server ('reply' | 'edit' | 'delete' | 'resolve' |
 * 'reopen'), resolving to true when done (a failure is shown by the caller).
 */
export function createCommentPanel({ onSelect, onFilter, onAct }) {
  const headingId = uniqueId('comments-heading');
  const heading = h('h2', { id: headingId, tabindex: '-1', text: t('comments.heading') });
  const filterButtons = STATUSES.map((status) => h('button', { type: 'button', class: 'button comments__filter-button',
    'data-status': status, 'aria-pressed': 'false', text: filterLabel(status), onclick: () => onFilter(status) }));
  const filter = h('div', { class: 'comments__filter', role: 'group', 'aria-label': t('comments.filterLabel') }, filterButtons);
  const empty = h('p', { class: 'comments__empty' });
  const list = h('ol', { class: 'comments__list', 'data-testid': 'comments' });
  const status = h('p', { class: 'comments__status', role: 'status' });
  const element = h('aside', { class: 'comments', 'aria-labelledby': headingId, 'data-testid': 'comment-panel' },
    heading, filter, empty, list, status);

  let shown = { threads: [], me: null, role: null, status: 'open', selectedId: null, total: 0 };
  const drafts = new Map(); // thread id -> reply being written
  const cards = new Map(); // thread id -> {element, signature}
  const busy = new Set(); // thread ids with a request under way
  let editing = null; // {threadId, messageId, text}: a message being edited

  function act(thread, action, details = {}) {
    if (busy.has(thread.id)) return Promise.resolve(false);
    busy.add(thread.id);
    render();
    return Promise.resolve(onAct(action, thread, details)).then((done) => done === true, () => false).then((done) => {
      busy.delete(thread.id);
      render();
      return done;
    });
  }

  function timeOf(at, now) {
    const time = h('time', { text: formatLastChange(at, now), title: formatExactTime(at) });
    if (Number.isFinite(at)) time.dateTime = new Date(at).toISOString();
    return time;
  }

  function messageItem(thread, message, now) {
    const allowed = messageActionsFor(message, shown);
    const isEditing = editing?.threadId === thread.id && editing.messageId === message.id;
    const head = h('p', { class: 'comment-message__head' },
      h('span', { class: 'comment-message__author', style: `--comment-color: ${colorForName(message.name)}`, text: message.name }),
      ' ', timeOf(message.at, now),
      message.editedAt && !message.deleted ? h('span', { class: 'comment-message__edited', text: t('comments.edited') }) : null);
    let body;
    if (message.deleted) {
      body = h('p', { class: 'comment-message__text comment-message__text--deleted', text: t('comments.messageDeleted') });
    } else if (isEditing) {
      body = editForm(thread, message);
    } else {
      body = h('p', { class: 'comment-message__text', text: message.text });
    }
    const actions = allowed.edit && !isEditing ? h('div', { class: 'comment-message__actions' },
      h('button', { type: 'button', class: 'button button--quiet', text: t('comments.edit'),
        'aria-label': t('comments.editOwn'), 'data-focus-key': `edit ${message.id}`,
        onclick: () => { editing = { threadId: thread.id, messageId: message.id, text: message.text, focus: true }; render(); } }),
      h('button', { type: 'button', class: 'button button--quiet', text: t('comments.delete'),
        'aria-label': t('comments.deleteOwn'), 'data-focus-key': `delete ${message.id}`, disabled: busy.has(thread.id),
        onclick: () => { if (window.confirm(t('comments.confirmDelete'))) act(thread, 'delete', { message }); } })) : null;
    return h('li', { class: 'comment-message', 'data-message-id': message.id }, head, body, actions);
  }

  function editForm(thread, message) {
    const fieldId = uniqueId('comment-edit');
    const field = h('textarea', { id: fieldId, class: 'comment-field', rows: '3', maxLength: MAX_MESSAGE_LENGTH,
      'data-focus-key': `edit-field ${message.id}`, value: editing.text,
      oninput: (event) => { editing.text = event.target.value; } });
    const cancel = () => { editing = null; render(); };
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') { event.preventDefault(); cancel(); }
    });
    return h('form', { class: 'comment-form', onsubmit: async (event) => {
      event.preventDefault();
      const text = editing?.text.trim() ?? '';
      if (!text) { field.focus(); return; }
      if (await act(thread, 'edit', { message, text })) { editing = null; render(); }
    } },
    h('label', { class: 'visually-hidden', for: fieldId, text: t('comments.editLabel') }), field,
    h('div', { class: 'comment-form__actions' },
      h('button', { type: 'submit', class: 'button button--primary', text: t('comments.save'), disabled: busy.has(thread.id),
        'data-focus-key': `save ${message.id}` }),
      h('button', { type: 'button', class: 'button', text: t('comments.cancel'), onclick: cancel })));
  }

  function replyForm(thread) {
    const fieldId = uniqueId('comment-reply');
    const field = h('textarea', { id: fieldId, class: 'comment-field', rows: '2', maxLength: MAX_MESSAGE_LENGTH,
      placeholder: t('comments.replyPlaceholder'), 'data-focus-key': `reply-field ${thread.id}`,
      value: drafts.get(thread.id) ?? '', oninput: (event) => drafts.set(thread.id, event.target.value) });
    const send = async () => {
      const text = (drafts.get(thread.id) ?? '').trim();
      if (!text) { field.focus(); return; }
      if (await act(thread, 'reply', { text })) {
        drafts.delete(thread.id);
        const again = cards.get(thread.id)?.element.querySelector('.comment-thread__reply textarea');
        if (again) { again.value = ''; again.focus(); }
      }
    };
    // Ctrl+Enter sends, as in most messaging; Enter alone starts a new line.
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); send(); }
    });
    return h('form', { class: 'comment-form comment-thread__reply', onsubmit: (event) => { event.preventDefault(); send(); } },
      h('label', { class: 'visually-hidden', for: fieldId, text: t('comments.replyLabel') }), field,
      h('div', { class: 'comment-form__actions' },
        h('button', { type: 'submit', class: 'button', text: t('comments.reply'), disabled: busy.has(thread.id),
          'data-focus-key': `reply ${thread.id}` })));
  }

  function card(thread, now) {
    const allowed = threadActionsFor(thread, shown);
    const quoteId = uniqueId('comment-quote');
    const selected = thread.id === shown.selectedId;
    return h('li', { class: 'comment-thread', 'data-thread-id': thread.id, 'data-selected': selected ? 'true' : undefined,
      'data-resolved': thread.resolved ? 'true' : undefined, 'data-detached': thread.detached ? 'true' : undefined },
    h('button', { type: 'button', id: quoteId, class: 'comment-thread__quote', 'aria-pressed': String(selected),
      'data-focus-key': `select ${thread.id}`, 'aria-label': t('comments.showPassage', { quote: excerpt(thread.quote) }),
      onclick: () => onSelect(selected ? null : thread.id) },
    h('span', { class: 'comment-thread__quote-text', text: excerpt(thread.quote) }),
    thread.detached ? h('span', { class: 'comment-thread__detached', text: t('comments.detached') }) : null),
    h('ol', { class: 'comment-thread__messages' }, thread.messages.map((message) => messageItem(thread, message, now))),
    thread.resolved ? h('p', { class: 'comment-thread__resolved' },
      t('comments.resolvedBy', { name: nameOf(thread, thread.resolvedBy) }), ' ', timeOf(thread.resolvedAt, now)) : null,
    allowed.reply && !thread.resolved ? replyForm(thread) : null,
    allowed.resolve || allowed.reopen ? h('div', { class: 'comment-thread__actions' },
      allowed.resolve ? h('button', { type: 'button', class: 'button', text: t('comments.resolve'), disabled: busy.has(thread.id),
        'aria-describedby': quoteId, 'data-focus-key': `resolve ${thread.id}`, onclick: () => act(thread, 'resolve') }) : null,
      allowed.reopen ? h('button', { type: 'button', class: 'button', text: t('comments.reopen'), disabled: busy.has(thread.id),
        'aria-describedby': quoteId, 'data-focus-key': `reopen ${thread.id}`, onclick: () => act(thread, 'reopen') }) : null) : null);
  }

  function signatureOf(thread, now) {
    return JSON.stringify([thread.rev, thread.detached, thread.id === shown.selectedId, shown.me, shown.role,
      busy.has(thread.id), editing?.threadId === thread.id ? editing.messageId : null,
      formatLastChange(thread.resolvedAt, now), thread.messages.map((message) => formatLastChange(message.at, now))]);
  }

  function render() {
    const now = Date.now();
    for (const button of filterButtons) button.setAttribute('aria-pressed', String(button.dataset.status === shown.status));
    const focused = element.contains(document.activeElement) ? document.activeElement : null;
    const place = focused ? { key: focused.dataset.focusKey ?? null, start: focused.selectionStart, end: focused.selectionEnd,
      position: [...list.children].indexOf(focused.closest('.comment-thread')) } : null;

    const wanted = [];
    const keep = new Set();
    for (const thread of shown.threads) {
      const signature = signatureOf(thread, now);
      let known = cards.get(thread.id);
      if (!known || known.signature !== signature) {
        known = { element: card(thread, now), signature };
        cards.set(thread.id, known);
      }
      keep.add(thread.id);
      wanted.push(known.element);
    }
    for (const id of [...cards.keys()]) if (!keep.has(id)) cards.delete(id);
    const same = wanted.length === list.children.length && wanted.every((item, i) => list.children[i] === item);
    if (!same) replaceChildren(list, wanted);

    empty.hidden = shown.threads.length > 0;
    empty.textContent = emptyText(shown.status);
    heading.textContent = shown.total ? t('comments.headingCount', { count: shown.total }) : t('comments.heading');
    if (editing?.focus) {
      editing.focus = false;
      const field = list.querySelector('.comment-form:not(.comment-thread__reply) textarea');
      field?.focus();
      return;
    }
    if (place && !element.contains(document.activeElement)) restoreFocus(place);
  }

  function restoreFocus({ key, start, end, position }) {
    const again = key && [...element.querySelectorAll('[data-focus-key]')].find((el) => el.dataset.focusKey === key);
    if (again && !again.disabled) {
      again.focus();
      if (typeof start === 'number' && 'setSelectionRange' in again) again.setSelectionRange(start, end);
      return;
    }
    if (again) return; // a request is under way; the control is back when it is answered
    const inItsPlace = position >= 0 ? list.children[Math.min(position, list.children.length - 1)] : null;
    (inItsPlace?.querySelector('.comment-thread__quote') ?? heading).focus();
  }

  return {
    element,
    /**
     * Shows `threads` (listThreads) as `me` with `role` sees them, under the filter `status`; `total`
     * counts the open threads, for the heading; `selectedId` is the thread shown more strongly.
     */
    show({ threads, me, role, status: filterStatus, selectedId, total }) {
      shown = { threads, me, role, status: filterStatus, selectedId, total };
      if (editing && !threads.some((thread) => thread.id === editing.threadId)) editing = null;
      render();
    },
    /** Brings the selected thread's card into view within the list (not the page: the text stays put). */
    reveal(threadId) {
      const item = cards.get(threadId)?.element;
      if (!item || !item.isConnected) return;
      const top = item.offsetTop; // the list is positioned: relative to it
      if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top;
    },
    /** Brings the relative times ("5 minutes ago") up to date. */
    refreshTimes() { render(); },
    /** A short note below the list, read out by screen readers. */
    say(text) { status.textContent = text; },
  };
}

/** The thread gives usernames for who resolved it; a name is known when they wrote in it too. */
function nameOf(thread, username) {
  if (!username) return t('people.anonymous');
  if (thread.author === username) return thread.name;
  return thread.messages.find((message) => message.author === username)?.name ?? username;
}

function filterLabel(status) {
  if (status === 'resolved') return t('comments.filterResolved');
  if (status === 'all') return t('comments.filterAll');
  return t('comments.filterOpen');
}

function emptyText(status) {
  if (status === 'resolved') return t('comments.noneResolved');
  if (status === 'all') return t('comments.noneAll');
  return t('comments.noneOpen');
}

function excerpt(text) {
  return excerptOf(text, { max: 120, lineBreak: t('suggestions.lineBreak'), blank: t('suggestions.blank') });
}
