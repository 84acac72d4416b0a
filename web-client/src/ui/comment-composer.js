/**
 * The small form for a new comment, shown beside the selected passage (below its last line, inside the
 * editor so that it scrolls with the text). The passage is kept as it was selected and moved through
 * every edit made while the comment is written (comment-anchors.js, movePassage), so it still covers
 * the same text when sent. Ctrl+Enter sends, Escape closes and returns to the text.
 */
import { h, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { excerptOf } from '../suggestions/suggestion-list.js';
import { movePassage } from '../comments/comment-anchors.js';
import { MAX_MESSAGE_LENGTH } from './comment-panel.js';

/**
 * `onSend({getPassage, text})` resolves to true when the thread was created, or to an error message to
 * show; `onClose()` hears that the composer closed (to put the focus back into the text).
 */
export function createCommentComposer({ quill, onSend, onClose = () => {} }) {
  const fieldId = uniqueId('comment-new');
  const quoteId = uniqueId('comment-new-quote');
  const quote = h('p', { id: quoteId, class: 'comment-composer__quote' });
  const field = h('textarea', { id: fieldId, class: 'comment-field', rows: '3', maxLength: MAX_MESSAGE_LENGTH,
    'aria-describedby': quoteId, 'data-testid': 'comment-text' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const sendButton = h('button', { type: 'submit', class: 'button button--primary', text: t('comments.send') });
  const element = h('form', { class: 'comment-composer', hidden: true, 'data-testid': 'comment-composer',
    'aria-label': t('comments.newLabel'), onsubmit: (event) => { event.preventDefault(); send(); } },
  h('label', { for: fieldId, text: t('comments.newLabel') }), quote, field, error,
  h('div', { class: 'comment-form__actions' }, sendButton,
    h('button', { type: 'button', class: 'button', text: t('comments.cancel'), onclick: () => close() })));
  quill.container.append(element);

  let passage = null; // {index, length} while open
  let sending = false;

  field.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.preventDefault(); close(); }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); send(); }
  });

  function place() {
    if (!passage) return;
    const bounds = quill.getBounds(passage.index + passage.length);
    const width = quill.container.clientWidth;
    const left = Math.max(8, Math.min((bounds?.left ?? 0) - 16, width - element.offsetWidth - 8));
    element.style.left = `${left}px`;
    element.style.top = `${(bounds?.bottom ?? 0) + 6}px`;
  }

  async function send() {
    if (sending || !passage) return;
    const text = field.value.trim();
    if (!text) { error.textContent = t('comments.textRequired'); field.focus(); return; }
    sending = true;
    sendButton.disabled = true;
    sendButton.textContent = t('comments.sending');
    error.textContent = '';
    try {
      // The passage is read when sending: edits may still move it while the sender waits.
      const answer = await onSend({ getPassage: () => (passage ? { ...passage } : null), text });
      if (answer === true) close({ sent: true });
      else if (answer) error.textContent = answer;
    } finally {
      sending = false;
      sendButton.disabled = false;
      sendButton.textContent = t('comments.send');
    }
  }

  function close({ sent = false } = {}) {
    if (!passage) return;
    passage = null;
    element.hidden = true;
    onClose({ sent });
  }

  return {
    element,
    isOpen: () => passage !== null,
    /** Opens for the passage {index, length}, its text quoted; focus goes to the comment field. */
    open(range) {
      passage = { index: range.index, length: range.length };
      quote.textContent = t('comments.on', { quote: excerptOf(quill.getText(range.index, range.length),
        { max: 80, lineBreak: t('suggestions.lineBreak'), blank: t('suggestions.blank') }) });
      field.value = '';
      error.textContent = '';
      element.hidden = false;
      place();
      field.focus({ preventScroll: true });
      element.scrollIntoView({ block: 'nearest' });
    },
    /** An edit was made to the document (`op`, a rich-text delta) while open: the passage moves with it. */
    moveThrough(op) {
      if (!passage) return;
      passage = movePassage(passage, op);
      place();
    },
    close,
    destroy() { element.remove(); },
  };
}
