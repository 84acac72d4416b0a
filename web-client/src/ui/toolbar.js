/**
 * The formatting toolbar: Quill's toolbar module wires the `ql-…` buttons to formats (and keeps
 * aria-pressed current); we supply labelled buttons with Quill's icons. One Tab stop for the whole
 * toolbar, arrow keys move inside it (the WAI-ARIA toolbar pattern), so Tab reaches the text quickly.
 *
 * At its end "Comment" (on the selected text; not for viewers) and the "Suggest changes" toggle (not a Quill format: Quill leaves buttons without a `ql-`
 * class alone). While suggesting, the formatting buttons are off, since formatting cannot be suggested;
 * for a reviewer the toggle stays pressed (aria-disabled, still focusable so it can be read).
 */
import icons from 'quill/ui/icons.js';
import { h } from './dom.js';
import { t } from '../strings/index.js';

const GROUPS = [
  [
    { format: 'header', value: '1', label: () => t('toolbar.heading1'), icon: icons.header['1'] },
    { format: 'header', value: '2', label: () => t('toolbar.heading2'), icon: icons.header['2'] },
  ],
  [
    { format: 'bold', label: () => t('toolbar.bold'), icon: icons.bold },
    { format: 'italic', label: () => t('toolbar.italic'), icon: icons.italic },
    { format: 'underline', label: () => t('toolbar.underline'), icon: icons.underline },
  ],
  [
    { format: 'list', value: 'ordered', label: () => t('toolbar.orderedList'), icon: icons.list.ordered },
    { format: 'list', value: 'bullet', label: () => t('toolbar.bulletList'), icon: icons.list.bullet },
    { format: 'blockquote', label: () => t('toolbar.blockquote'), icon: icons.blockquote },
  ],
  [
    { format: 'link', label: () => t('toolbar.link'), icon: icons.link },
    { format: 'clean', label: () => t('toolbar.clean'), icon: icons.clean },
  ],
];

/**
 * `onToggleSuggesting()`: the user pressed "Suggest changes" (when they may switch it); `onComment()`:
 * they pressed "Comment".
 */
export function createToolbar({ controls, onToggleSuggesting = () => {}, onComment = () => {} }) {
  const formatButtons = [];
  const commentButton = h('button', { type: 'button', class: 'toolbar__comment', tabIndex: -1, hidden: true,
    title: t('toolbar.commentHint'), 'data-testid': 'comment-button', onclick: () => onComment() }, t('toolbar.comment'));
  const suggestButton = h('button', { type: 'button', class: 'toolbar__suggest', 'aria-pressed': 'false',
    tabIndex: -1, hidden: true, 'data-testid': 'suggest-toggle', onclick: toggleSuggesting },
  h('span', { class: 'toolbar__suggest-mark', 'aria-hidden': 'true' }), t('toolbar.suggest'));
  const element = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('toolbar.label'),
    'aria-controls': controls },
  GROUPS.map((group) => h('div', { class: 'toolbar__group' }, group.map((spec) => {
    const label = spec.label();
    const button = h('button', { type: 'button', class: `ql-${spec.format}`, value: spec.value,
      'aria-label': label, title: label, tabIndex: -1 });
    button.innerHTML = spec.icon; // Quill's own SVG icons, static strings from the package
    button.firstElementChild?.setAttribute('aria-hidden', 'true');
    formatButtons.push(button);
    return button;
  }))),
  h('div', { class: 'toolbar__group toolbar__group--end' }, commentButton, suggestButton));
  const buttons = [...formatButtons, commentButton, suggestButton];
  buttons[0].tabIndex = 0;

  const state = { stopped: false, suggesting: false, canSuggest: false, locked: false, canComment: false };

  const usable = (button) => !button.disabled && !button.hidden;

  function toggleSuggesting() {
    if (state.stopped || state.locked || !state.canSuggest) return;
    onToggleSuggesting();
  }

  function moveFocus(next) {
    for (const button of buttons) button.tabIndex = button === next ? 0 : -1;
    next.focus();
  }

  /** The Tab stop stays on a button that can take focus, when there is one. */
  function keepTabStop() {
    if (usable(buttons.find((button) => button.tabIndex === 0) ?? buttons[0])) return;
    const first = buttons.find(usable);
    if (first) for (const button of buttons) button.tabIndex = button === first ? 0 : -1;
  }

  function render() {
    for (const button of formatButtons) button.disabled = state.stopped || state.suggesting;
    // Commenting changes no text: it stays while suggesting, and goes only with the right to comment.
    commentButton.hidden = !state.canComment;
    suggestButton.hidden = !state.canSuggest;
    suggestButton.disabled = state.stopped;
    suggestButton.setAttribute('aria-pressed', String(state.suggesting));
    if (state.locked) suggestButton.setAttribute('aria-disabled', 'true');
    else suggestButton.removeAttribute('aria-disabled');
    suggestButton.title = state.locked ? t('toolbar.suggestLocked') : t('toolbar.suggestHint');
    keepTabStop();
  }

  element.addEventListener('keydown', (event) => {
    const reachable = buttons.filter(usable);
    const at = reachable.indexOf(document.activeElement);
    if (at < 0) return;
    const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: reachable.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    moveFocus(reachable[(moves[event.key] + reachable.length) % reachable.length]);
  });
  // A click moves the Tab stop too, so Shift+Tab from the text returns to the last used button.
  element.addEventListener('focusin', (event) => {
    if (buttons.includes(event.target)) for (const button of buttons) button.tabIndex = button === event.target ? 0 : -1;
  });

  return {
    element,
    focus() { (buttons.find((button) => button.tabIndex === 0 && usable(button)) ?? buttons.find(usable))?.focus(); },
    /** Everything off (no editing at all), or back on as far as suggesting allows. */
    setDisabled(disabled) { state.stopped = disabled; render(); },
    /**
     * `canSuggest`: the toggle is shown; `suggesting`: it is pressed and formatting is off; `locked`:
     * it cannot be switched off (a reviewer).
     */
    setSuggesting({ canSuggest, suggesting, locked }) {
      Object.assign(state, { canSuggest, suggesting, locked });
      render();
    },
    /** "Comment" shown (the role may comment) or not. */
    setCanComment(canComment) { state.canComment = canComment; render(); },
  };
}
