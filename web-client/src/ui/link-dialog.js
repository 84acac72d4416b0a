/**
 * Adds, changes or removes the link on the selected text (toolbar button or Ctrl+K). Our own dialog
 * instead of Quill's theme tooltip, so it is labelled, keyboard-operable and its strings translatable.
 */
import LinkBlot from 'quill/formats/link.js';
import { h, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { normalizeLinkUrl } from '../format/links.js';

export function openLinkDialog({ quill, onNothingSelected }) {
  let range = quill.getSelection(true);
  if (!range) return;
  // A caret inside a link edits the whole link.
  const [existing, offset] = quill.scroll.descendant(LinkBlot, range.index);
  if (range.length === 0 && existing) range = { index: range.index - offset, length: existing.length() };
  if (range.length === 0) {
    onNothingSelected();
    return;
  }
  const currentUrl = existing ? LinkBlot.formats(existing.domNode) : '';

  const titleId = uniqueId('link-title');
  const errorId = uniqueId('link-error');
  const input = h('input', { id: uniqueId('link-url'), type: 'url', inputmode: 'url', value: currentUrl ?? '',
    'aria-describedby': errorId, autocomplete: 'url' });
  const error = h('p', { id: errorId, class: 'form-error', 'aria-live': 'assertive' });
  const form = h('form', { method: 'dialog', class: 'dialog__form', novalidate: true },
    h('h2', { id: titleId, text: t('link.dialogTitle') }),
    h('label', { for: input.id, text: t('link.urlField') }),
    input,
    error,
    h('div', { class: 'dialog__actions' },
      h('button', { type: 'button', class: 'button button--quiet', text: t('link.cancel'), onclick: () => close() }),
      existing ? h('button', { type: 'button', class: 'button', text: t('link.remove'),
        onclick: () => { quill.formatText(range.index, range.length, 'link', false, 'user'); close(); } }) : null,
      h('button', { type: 'submit', class: 'button button--primary', text: t('link.save') })));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId }, form);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = normalizeLinkUrl(input.value);
    if (!url) {
      error.textContent = t('link.invalid');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    quill.formatText(range.index, range.length, 'link', url, 'user');
    close();
  });
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(); });

  function close() {
    dialog.close();
    dialog.remove();
    quill.setSelection(range.index + range.length, 0, 'user');
  }

  document.body.append(dialog);
  dialog.showModal();
  input.focus();
}
