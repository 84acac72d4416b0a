/**
 * The editor page for one document: title, toolbar, text, who is here, and messages. It wires the
 * pieces together; the logic lives in quill-binding.js (text), shared-cursors.js (presence),
 * title-saver.js (title) and read-only.js (when to stop editing).
 */
import { h, replaceChildren, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { LIST_HREF } from '../routing/routes.js';
import { describeError } from '../api/error-messages.js';
import { COLLECTION } from '../realtime/realtime-connection.js';
import { bindQuillToDoc } from '../realtime/quill-binding.js';
import { isReadOnlyError, isReadOnlyMeta } from '../realtime/read-only.js';
import { shareCursors } from '../presence/shared-cursors.js';
import { createMessageArea } from './message-area.js';
import { createPeopleList } from './people-list.js';
import { createTitleField } from './title-field.js';
import { createToolbar } from './toolbar.js';
import { openLinkDialog } from './link-dialog.js';
import { createQuill, setQuillReadOnly } from './quill-editor.js';

/** How often the title is re-read, to show a rename made by someone else. */
const TITLE_REFRESH_MS = 30_000;

export function renderEditorPage({ main, id, api, realtime, monitor, getUser }) {
  const messages = createMessageArea();
  const people = createPeopleList();
  const hintId = uniqueId('editor-hint');
  const editorId = uniqueId('editor');
  const toolbar = createToolbar({ controls: editorId });
  const host = h('div', { id: editorId, class: 'editor__host', 'data-testid': 'editor' });
  const heading = h('h1', { class: 'visually-hidden', text: t('editor.loading') });
  const titleSlot = h('div', { class: 'editor-bar__title' }, h('span', { class: 'muted', text: t('editor.loading') }));
  const editorColumn = h('div', { class: 'editor', hidden: true },
    toolbar.element, host, h('p', { id: hintId, class: 'hint', text: t('editor.keyboardHint') }));

  replaceChildren(main,
    heading,
    h('div', { class: 'editor-bar' }, h('a', { class: 'back-link', href: LIST_HREF, text: `← ${t('editor.backToList')}` }),
      titleSlot),
    messages.element,
    h('div', { class: 'editor-layout' }, editorColumn, people.element));

  let destroyed = false;
  let quill = null;
  let binding = null;
  let cursors = null;
  let titleField = null;
  let readOnly = false;
  const doc = realtime.connection.get(COLLECTION, id);
  monitor.watch(doc);

  /** No more edits in the text, with a message that stays saying why. */
  function stopEditing(topic, text, tone = 'warning') {
    if (quill) setQuillReadOnly(quill, true);
    toolbar.setDisabled(true);
    messages.show(topic, text, { tone, dismissible: false });
  }

  function makeReadOnly() {
    readOnly = true;
    titleField?.setReadOnly(true);
    stopEditing('read-only', t('editor.readOnly'));
  }

  function nameThePage(title) {
    heading.textContent = title || t('list.untitled');
    document.title = `${heading.textContent} – ${t('app.name')}`;
  }

  function showTitle(meta) {
    titleField = createTitleField({
      title: meta.title ?? '',
      save: (title) => api.renameDoc(id, title),
      onSaved: nameThePage,
    });
    if (readOnly) titleField.setReadOnly(true);
    replaceChildren(titleSlot, titleField.element);
    nameThePage(meta.title);
  }

  function handleRefused(err) {
    if (isReadOnlyError(err)) { makeReadOnly(); return; }
    messages.show('refused', t('editor.editRefused', { reason: describeError(err) }));
  }

  function openEditor() {
    messages.hide('loading');
    editorColumn.hidden = false; // before Quill measures anything
    quill = createQuill({
      host,
      toolbar: toolbar.element,
      describedBy: hintId,
      onLink: () => openLinkDialog({ quill, onNothingSelected: () => messages.show('link', t('link.selectTextFirst'), { tone: 'info' }) }),
      onEscape: () => toolbar.focus(),
    });
    cursors = shareCursors({
      connection: realtime.connection,
      doc,
      quill,
      cursors: quill.getModule('cursors'),
      getUser,
      onPeople: (list) => people.show(list),
    });
    binding = bindQuillToDoc({
      quill,
      doc,
      onRefused: handleRefused,
      onReloaded: ({ lostUnsent }) => { if (lostUnsent) messages.show('reloaded', t('editor.reloaded'), { tone: 'warning' }); },
      onDeleted: () => stopEditing('deleted', t('editor.deleted'), 'error'),
      onUnsentChange: () => monitor.refresh(),
      onUnsupportedContent: () => stopEditing('unsupported', t('editor.unsupportedContent')),
    });
    quill.history.clear();
    if (readOnly) makeReadOnly();
  }

  async function loadMeta() {
    try {
      const meta = await api.getDoc(id);
      if (destroyed) return false;
      if (isReadOnlyMeta(meta)) makeReadOnly();
      showTitle(meta);
      return true;
    } catch (err) {
      if (destroyed) return false;
      if (err.code === 'ERR_DOC_DOES_NOT_EXIST') {
        replaceChildren(titleSlot);
        heading.textContent = t('editor.notFound');
        messages.show('open', t('editor.notFound'), { dismissible: false });
        return false;
      }
      // No metadata (e.g. offline): the text may still come over the socket once it connects.
      messages.show('meta', t('editor.openFailed', { reason: describeError(err) }), { tone: 'warning' });
      replaceChildren(titleSlot);
      return true;
    }
  }

  async function refreshTitle() {
    if (!titleField) return;
    try {
      const meta = await api.getDoc(id);
      if (!destroyed && titleField.showServerTitle(meta.title ?? '')) nameThePage(meta.title);
    } catch {
      // the next refresh will try again
    }
  }

  messages.show('loading', t('editor.loading'), { tone: 'info', dismissible: false });
  loadMeta().then((exists) => {
    if (!exists) messages.hide('loading');
    if (!exists || destroyed) return;
    doc.subscribe((err) => {
      if (destroyed) return;
      messages.hide('loading');
      if (err) { messages.show('open', t('editor.openFailed', { reason: describeError(err) }), { dismissible: false }); return; }
      if (!doc.type) { messages.show('open', t('editor.notFound'), { dismissible: false }); return; }
      openEditor();
    });
  });
  const titleTimer = setInterval(refreshTitle, TITLE_REFRESH_MS);

  return {
    /** The user changed their name: tell the others. */
    userChanged() { cursors?.announce(); },
    destroy() {
      destroyed = true;
      clearInterval(titleTimer);
      titleField?.flush();
      titleField?.dispose();
      cursors?.destroy();
      binding?.destroy();
      // Unsubscribing keeps the doc's unsent ops: the connection still sends them when it can.
      doc.unsubscribe();
    },
  };
}
