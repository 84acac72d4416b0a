/**
 * The formatting toolbar: Quill's toolbar module wires the `ql-…` buttons to formats (and keeps
 * aria-pressed current); we supply labelled buttons with Quill's icons. One Tab stop for the whole
 * toolbar, arrow keys move inside it (the WAI-ARIA toolbar pattern), so Tab reaches the text quickly.
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

export function createToolbar({ controls }) {
  const buttons = [];
  const element = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('toolbar.label'),
    'aria-controls': controls },
  GROUPS.map((group) => h('div', { class: 'toolbar__group' }, group.map((spec) => {
    const label = spec.label();
    const button = h('button', { type: 'button', class: `ql-${spec.format}`, value: spec.value,
      'aria-label': label, title: label, tabIndex: -1 });
    button.innerHTML = spec.icon; // Quill's own SVG icons, static strings from the package
    button.firstElementChild?.setAttribute('aria-hidden', 'true');
    buttons.push(button);
    return button;
  }))));
  buttons[0].tabIndex = 0;

  function moveFocus(to) {
    const next = buttons[(to + buttons.length) % buttons.length];
    for (const button of buttons) button.tabIndex = button === next ? 0 : -1;
    next.focus();
  }

  element.addEventListener('keydown', (event) => {
    const at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    moveFocus(moves[event.key]);
  });
  // A click moves the Tab stop too, so Shift+Tab from the text returns to the last used button.
  element.addEventListener('focusin', (event) => {
    if (buttons.includes(event.target)) for (const button of buttons) button.tabIndex = button === event.target ? 0 : -1;
  });

  return {
    element,
    focus() { (buttons.find((button) => button.tabIndex === 0) ?? buttons[0]).focus(); },
    setDisabled(disabled) { for (const button of buttons) button.disabled = disabled; },
  };
}
