/**
 * The connection state, always visible in the header: a coloured dot (not the only cue) and a text
 * such as "Offline, 3 unsent changes". Screen readers hear a change of kind (online, offline…) once,
 * through a separate live region (`announcer`, placed at the end of the page), instead of every change
 * of the unsent count while typing.
 */
import { h } from './dom.js';
import { t } from '../strings/index.js';

export function createConnectionIndicator() {
  const text = h('span', { class: 'connection__text' });
  const announcer = h('span', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const element = h('div', { class: 'connection', 'data-kind': 'connecting', 'data-testid': 'connection-status' },
    h('span', { class: 'connection__dot', 'aria-hidden': 'true' }),
    h('span', { class: 'visually-hidden', text: `${t('status.label')}: ` }),
    text);
  let lastKind = null;

  return {
    element,
    announcer,
    show({ kind, text: message, unsent }) {
      element.dataset.kind = kind;
      element.dataset.unsent = String(unsent ?? 0);
      text.textContent = message;
      if (kind !== lastKind) announcer.textContent = message;
      lastKind = kind;
    },
  };
}
