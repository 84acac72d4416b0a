/**
 * "Suggestions" beside the text: each suggestion in document order, in its author's colour, with the
 * author, how long ago, what it does ("Insert: …", "Delete: …"), and the decisions this user may make
 * (suggestion-list.js says which). Pressing the suggestion itself selects it in the editor.
 *
 * The list is redrawn whenever the document changes; keyboard focus stays on the same control (or,
 * when its suggestion was just decided and is gone, on the next one), so deciding one after another by
 * keyboard does not lose the place.
 */
import { h, replaceChildren, uniqueId } from './dom.js';
import { locale, t } from '../strings/index.js';
import { colorForName } from '../presence/colors.js';
import { formatExactTime, formatLastChange } from '../format/last-change.js';
import { bulkDecisions, decisionsFor, excerptOf } from '../suggestions/suggestion-list.js';

/**
 * `onSelect(suggestion)`: show it in the editor; `onDecide(decision, which, {withdraw})`: ask the
 * server (`which` as docs-api's decideSuggestions takes it); resolves when answered.
 */
export function createSuggestionList({ onSelect, onDecide }) {
  const headingId = uniqueId('suggestions-heading');
  const heading = h('h2', { id: headingId, tabindex: '-1', text: t('suggestions.heading') });
  const bulk = h('div', { class: 'suggestions__bulk' });
  const empty = h('p', { class: 'suggestions__empty', text: t('suggestions.none') });
  const list = h('ol', { class: 'suggestions__list', 'data-testid': 'suggestions' });
  const status = h('p', { class: 'suggestions__status', role: 'status' });
  const element = h('aside', { class: 'suggestions', 'aria-labelledby': headingId, 'data-testid': 'suggestion-panel' },
    heading, bulk, empty, list, status);

  let shown = { suggestions: [], me: null, role: null };
  let busy = false;
  let drawn = ''; // what the list shows now, to skip redrawing the same (the others type all the time)
  let lostFocus = null; // {focusKey, position} of a control that lost focus while being redrawn

  function decide(decision, which, options = {}) {
    if (busy) return;
    busy = true;
    render();
    Promise.resolve(onDecide(decision, which, options)).finally(() => {
      busy = false;
      render();
    });
  }

  function decisionButton(label, focusKey, describedBy, onclick, ariaLabel = null) {
    return h('button', { type: 'button', class: 'button suggestion__decide', text: label, disabled: busy,
      'data-focus-key': focusKey, 'aria-describedby': describedBy, 'aria-label': ariaLabel, onclick });
  }

  function item(suggestion, now) {
    const summaryId = uniqueId('suggestion');
    // "Insert: {text}" with the text in its own element, to be marked like in the editor.
    const [before, after = ''] = (suggestion.kind === 'insert' ? t('suggestions.insert', { text: SLOT })
      : t('suggestions.delete', { text: SLOT })).split(SLOT);
    const time = h('time', { text: formatLastChange(suggestion.at, now), title: formatExactTime(suggestion.at) });
    if (Number.isFinite(suggestion.at)) time.dateTime = new Date(suggestion.at).toISOString();
    const allowed = decisionsFor(suggestion, shown);
    const key = suggestion.key;
    return h('li', { class: 'suggestion', 'data-kind': suggestion.kind, 'data-key': key,
      style: `--suggestion-color: ${colorForName(suggestion.name)}` },
    h('button', { type: 'button', id: summaryId, class: 'suggestion__summary', 'data-focus-key': `select ${key}`,
      // Where it is now: the text may have moved since it was drawn.
      onclick: () => onSelect(shown.suggestions.find((latest) => latest.key === key) ?? suggestion) },
    h('span', { class: 'suggestion__what' },
      before, h('span', { class: 'suggestion__text', text: excerpt(suggestion.text) }), after),
    h('span', { class: 'suggestion__meta' }, h('span', { class: 'suggestion__author', text: suggestion.name }), time)),
    allowed.accept || allowed.reject || allowed.withdraw ? h('div', { class: 'suggestion__actions' },
      allowed.accept ? decisionButton(t('suggestions.accept'), `accept ${key}`, summaryId,
        () => decide('accept', { ids: [suggestion.id] })) : null,
      allowed.reject ? decisionButton(t('suggestions.reject'), `reject ${key}`, summaryId,
        () => decide('reject', { ids: [suggestion.id] })) : null,
      allowed.withdraw ? decisionButton(t('suggestions.withdraw'), `withdraw ${key}`, summaryId,
        () => decide('reject', { ids: [suggestion.id] }, { withdraw: true })) : null) : null);
  }

  function bulkControls() {
    const decisions = bulkDecisions(shown.suggestions, { role: shown.role, collator: new Intl.Collator(locale()) });
    if (!decisions) return [];
    const everyone = h('div', { class: 'suggestions__bulk-row' },
      decisionButton(t('suggestions.acceptAll'), 'accept all', null, () => decide('accept', { all: true })),
      decisionButton(t('suggestions.rejectAll'), 'reject all', null, () => decide('reject', { all: true })));
    // Per author only when there is more than one: otherwise it would say the same as "all". The row
    // shows the name; each button says it too, for whoever hears the button alone.
    const byAuthor = decisions.authors.length < 2 ? [] : decisions.authors.map((author) => h('div',
      { class: 'suggestions__bulk-row suggestions__bulk-row--author', style: `--suggestion-color: ${colorForName(author.name)}` },
      h('span', { class: 'suggestions__bulk-author', text: author.name }),
      decisionButton(t('suggestions.acceptAll'), `accept by ${author.author}`, null,
        () => decide('accept', { author: author.author }), t('suggestions.acceptAllBy', { name: author.name })),
      decisionButton(t('suggestions.rejectAll'), `reject by ${author.author}`, null,
        () => decide('reject', { author: author.author }), t('suggestions.rejectAllBy', { name: author.name }))));
    return [everyone, ...byAuthor];
  }

  function render() {
    const now = Date.now();
    const next = JSON.stringify([busy, shown.me, shown.role, shown.suggestions.map((suggestion) =>
      [suggestion.key, suggestion.text, suggestion.name, formatLastChange(suggestion.at, now)])]);
    if (next === drawn) return;
    drawn = next;

    const focused = element.contains(document.activeElement) ? document.activeElement : null;
    const nothingFocused = !document.activeElement || document.activeElement === document.body;
    const place = focused ? { focusKey: focused.dataset.focusKey ?? null,
      position: [...list.children].indexOf(focused.closest('.suggestion')) } : nothingFocused ? lostFocus : null;
    lostFocus = null;

    replaceChildren(bulk, bulkControls());
    replaceChildren(list, shown.suggestions.map((suggestion) => item(suggestion, now)));
    empty.hidden = shown.suggestions.length > 0;
    heading.textContent = shown.suggestions.length
      ? t('suggestions.headingCount', { count: shown.suggestions.length }) : t('suggestions.heading');
    if (place) restoreFocus(place);
  }

  function restoreFocus({ focusKey, position }) {
    const again = focusKey && [...element.querySelectorAll('[data-focus-key]')].find((el) => el.dataset.focusKey === focusKey);
    if (again?.disabled) { lostFocus = { focusKey, position }; return; } // back once the decision is answered
    if (again) { again.focus(); return; }
    // Its suggestion was decided and is gone: on to the one now in its place.
    const inItsPlace = position >= 0 ? list.children[Math.min(position, list.children.length - 1)] : null;
    (inItsPlace?.querySelector('.suggestion__summary') ?? heading).focus();
  }

  return {
    element,
    /** Shows `suggestions` (collectSuggestions) as `me` (a username) with `role` sees them. */
    show({ suggestions, me, role }) {
      shown = { suggestions, me, role };
      render();
    },
    /** Brings the relative times ("5 minutes ago") up to date. */
    refreshTimes() { render(); },
    /** A short note below the list, read out by screen readers. */
    say(text) { status.textContent = text; },
  };
}

/** Where the excerpt goes in the translated "Insert: {text}". */
const SLOT = '\u0000';

function excerpt(text) {
  return excerptOf(text, { lineBreak: t('suggestions.lineBreak'), blank: t('suggestions.blank') });
}
