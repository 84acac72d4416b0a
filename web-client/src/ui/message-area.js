/**
 * Messages about the open document (read-only, a refused edit, a failure), one per topic so a repeated
 * problem does not stack up. Problems use role=alert so screen readers hear them at once.
 */
import { h } from './dom.js';
import { t } from '../strings/index.js';

export function createMessageArea() {
  const element = h('div', { class: 'messages' });
  const byTopic = new Map();

  function hide(topic) {
    byTopic.get(topic)?.remove();
    byTopic.delete(topic);
  }

  return {
    element,
    /** `tone`: 'info' | 'warning' | 'error'; `action`: {label, onClick} for a button that resolves it. */
    show(topic, text, { tone = 'error', dismissible = true, action = null } = {}) {
      hide(topic);
      const message = h('div', { class: `message message--${tone}`, role: tone === 'info' ? 'status' : 'alert',
        'data-topic': topic },
      h('p', { text }),
      action ? h('button', { type: 'button', class: 'button', text: action.label, onclick: action.onClick }) : null,
      dismissible ? h('button', { type: 'button', class: 'button button--quiet', text: t('editor.dismiss'),
        onclick: () => hide(topic) }) : null);
      byTopic.set(topic, message);
      element.append(message);
    },
    hide,
  };
}
