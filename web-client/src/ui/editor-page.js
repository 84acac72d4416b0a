/**
 * The editor page for one document: title, the user's role and "Share", toolbar, text, who is here,
 * and messages. It wires the pieces together; the logic lives in quill-binding.js (text),
 * shared-cursors.js (presence), title-saver.js (title), read-only.js and roles.js (what this user may
 * do).
 *
 * Editing stops for as long as any reason to stop holds (see `stops`): the role only allows reading,
 * the document was deleted or holds content this editor cannot show, the session ended, or access is
 * gone. Each reason has its own message; a role change (the server closes the socket with 4403, or a
 * periodic re-read) can lift the first one again.
 */
import { h, replaceChildren, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { LIST_HREF } from '../routing/routes.js';
import { describeError, isForbidden, isNotFound } from '../api/error-messages.js';
import { isUnauthenticated } from '../api/http.js';
import { canManageAccess, roleLabel } from '../access/roles.js';
import { COLLECTION } from '../realtime/realtime-connection.js';
import { bindQuillToDoc } from '../realtime/quill-binding.js';
import { isReadOnlyError, isReadOnlyMeta } from '../realtime/read-only.js';
import { shareCursors } from '../presence/shared-cursors.js';
import { createMessageArea } from './message-area.js';
import { createPeopleList } from './people-list.js';
import { createTitleField } from './title-field.js';
import { createToolbar } from './toolbar.js';
import { openLinkDialog } from './link-dialog.js';
import { openShareDialog } from './share-dialog.js';
import { createQuill, setQuillReadOnly } from './quill-editor.js';

/** How often the title and role are re-read, to show a rename or a role change made by someone else. */
const META_REFRESH_MS = 30_000;

/** Reasons that also make the title read-only (the others concern only the text). */
const TITLE_STOPS = new Set(['read-only', 'session-ended', 'no-access']);

/**
 * `onReopen()` renders the page afresh (access came back after it was gone); `usersApi` lists the
 * people a manager can share with.
 */
export function renderEditorPage({ main, id, api, usersApi, realtime, monitor, getUser, onReopen = () => {} }) {
  const messages = createMessageArea();
  const people = createPeopleList();
  const hintId = uniqueId('editor-hint');
  const editorId = uniqueId('editor');
  const toolbar = createToolbar({ controls: editorId });
  const host = h('div', { id: editorId, class: 'editor__host', 'data-testid': 'editor' });
  const heading = h('h1', { class: 'visually-hidden', text: t('editor.loading') });
  const titleSlot = h('div', { class: 'editor-bar__title' }, h('span', { class: 'muted', text: t('editor.loading') }));
  const roleBadge = h('span', { class: 'role-badge', hidden: true, 'data-testid': 'my-role' });
  const shareButton = h('button', { type: 'button', class: 'button', hidden: true, text: t('editor.share'),
    'data-testid': 'share-button', onclick: openSharing });
  const editorColumn = h('div', { class: 'editor', hidden: true },
    toolbar.element, host, h('p', { id: hintId, class: 'hint', text: t('editor.keyboardHint') }));
  const layout = h('div', { class: 'editor-layout' }, editorColumn, people.element);

  replaceChildren(main,
    heading,
    h('div', { class: 'editor-bar' }, h('a', { class: 'back-link', href: LIST_HREF, text: `← ${t('editor.backToList')}` }),
      titleSlot, roleBadge, shareButton),
    messages.element,
    layout);

  let destroyed = false;
  let quill = null;
  let binding = null;
  let cursors = null;
  let titleField = null;
  let meta = null;
  let title = '';
  let shareDialog = null;
  let mayOpen = false; // the metadata did not refuse the document (it may still be missing: offline)
  const stops = new Set();
  const doc = realtime.connection.get(COLLECTION, id);
  monitor.watch(doc);

  /** Editing on or off, from the reasons to stop that hold now. */
  function updateEditing() {
    const stopped = stops.size > 0;
    if (quill) setQuillReadOnly(quill, stopped);
    toolbar.setDisabled(stopped);
    titleField?.setReadOnly([...stops].some((reason) => TITLE_STOPS.has(reason)));
  }

  /** No more edits in the text, with a message that stays saying why. */
  function stopEditing(reason, text, { tone = 'warning', action = null } = {}) {
    stops.add(reason);
    updateEditing();
    messages.show(reason, text, { tone, dismissible: false, action });
  }

  function resumeEditing(reason) {
    stops.delete(reason);
    messages.hide(reason);
    updateEditing();
  }

  function nameThePage(text) {
    title = text || '';
    heading.textContent = text || t('list.untitled');
    document.title = `${heading.textContent} – ${t('app.name')}`;
  }

  function showTitle() {
    titleField = createTitleField({
      title: meta.title ?? '',
      save: (newTitle) => api.renameDoc(id, newTitle),
      onSaved: nameThePage,
    });
    replaceChildren(titleSlot, titleField.element);
    nameThePage(meta.title);
    updateEditing();
  }

  /** The role and what it allows, from fresh metadata; `force` applies it even if it looks unchanged. */
  function applyMeta(next, { force = false } = {}) {
    const before = meta;
    meta = next;
    roleBadge.hidden = !next.role;
    roleBadge.textContent = t('editor.yourRole', { role: roleLabel(next.role) });
    shareButton.hidden = false;
    const changed = !before || before.role !== next.role || isReadOnlyMeta(before) !== isReadOnlyMeta(next);
    // An unchanged role leaves alone a read-only state that came from the server refusing an edit.
    if (!changed && !force) return;
    if (isReadOnlyMeta(next)) stopEditing('read-only', t('editor.readOnly'));
    else if (stops.has('read-only')) resumeEditing('read-only');
  }

  /**
   * Access is gone (never there, or taken away while open): say so, and stop using the document. Text
   * already on screen stays readable, so nothing typed just now vanishes without a trace.
   */
  function showNoAccess() {
    if (stops.has('no-access')) return;
    cursors?.destroy();
    cursors = null;
    binding?.destroy();
    binding = null;
    doc.unsubscribe();
    monitor.forget(doc);
    shareDialog?.close();
    shareButton.hidden = true;
    roleBadge.hidden = true;
    people.element.hidden = true; // nobody is shown as here any more: the presence is gone
    for (const topic of ['loading', 'read-only', 'meta', 'open', 'refused']) messages.hide(topic);
    stopEditing('no-access', t('editor.noAccess'), { tone: 'error' });
    if (!quill) {
      replaceChildren(titleSlot);
      heading.textContent = t('editor.noAccess');
      layout.hidden = true;
    }
  }

  function handleRefused(err) {
    if (isForbidden(err)) { showNoAccess(); return; }
    if (isReadOnlyError(err)) { stopEditing('read-only', t('editor.readOnly')); return; }
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
      onDeleted: () => stopEditing('deleted', t('editor.deleted'), { tone: 'error' }),
      onUnsentChange: () => monitor.refresh(),
      onUnsupportedContent: () => stopEditing('unsupported', t('editor.unsupportedContent')),
    });
    quill.history.clear();
    updateEditing();
  }

  /** Resolves true when the document may be opened (its metadata, or at least no refusal, came back). */
  async function loadMeta() {
    try {
      const next = await api.getDoc(id);
      if (destroyed) return false;
      applyMeta(next);
      showTitle();
      return true;
    } catch (err) {
      if (destroyed) return false;
      if (isForbidden(err)) { showNoAccess(); return false; }
      if (isUnauthenticated(err)) return false; // the app shows the sign-in page
      if (isNotFound(err)) {
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

  /** Re-reads title and role; `force` after the server said this user's access changed. */
  async function refreshMeta({ force = false } = {}) {
    let next;
    try {
      next = await api.getDoc(id);
    } catch (err) {
      if (destroyed) return;
      if (isForbidden(err)) showNoAccess();
      return; // otherwise the next refresh will try again
    }
    if (destroyed) return;
    if (stops.has('no-access')) { onReopen(); return; } // shared again: start over
    applyMeta(next, { force });
    if (!titleField) { showTitle(); return; }
    if (titleField.showServerTitle(next.title ?? '')) nameThePage(next.title);
  }

  function openSharing() {
    if (!meta) return;
    shareDialog = openShareDialog({
      docId: id,
      docTitle: title,
      docsApi: api,
      usersApi,
      me: getUser(),
      canManage: canManageAccess(meta),
      onOwnAccessChanged: () => refreshMeta({ force: true }),
    });
  }

  messages.show('loading', t('editor.loading'), { tone: 'info', dismissible: false });
  loadMeta().then((allowed) => {
    mayOpen = allowed;
    if (!allowed) messages.hide('loading');
    if (!allowed || destroyed) return;
    doc.subscribe((err) => {
      if (destroyed) return;
      messages.hide('loading');
      if (err && isForbidden(err)) { showNoAccess(); return; }
      if (err) { messages.show('open', t('editor.openFailed', { reason: describeError(err) }), { dismissible: false }); return; }
      if (!doc.type) { messages.show('open', t('editor.notFound'), { dismissible: false }); return; }
      openEditor();
    });
  });
  // Also while access is gone: shared again, the page starts over by itself.
  const metaTimer = setInterval(() => { if (mayOpen || stops.has('no-access')) refreshMeta(); }, META_REFRESH_MS);

  return {
    /** The server closed the socket with 4403: this user's access to some document changed. */
    accessChanged() { refreshMeta({ force: true }); },
    /**
     * The session ended while edits were unsent: keep them on screen, stop editing, and offer to sign
     * in again (after which the connection sends them).
     */
    sessionEnded({ signInAgain }) {
      shareDialog?.close();
      shareButton.disabled = true;
      stopEditing('session-ended', t('editor.sessionEnded', { count: monitor.unsent() }), {
        action: { label: t('editor.signInAgain'), onClick: signInAgain },
      });
    },
    /** Signed in again as the same user: edit again, with the role as it is now. */
    sessionResumed() {
      shareButton.disabled = false;
      resumeEditing('session-ended');
      cursors?.announce(); // an administrator may have changed the display name meanwhile
      refreshMeta({ force: true });
    },
    destroy() {
      destroyed = true;
      clearInterval(metaTimer);
      shareDialog?.close();
      titleField?.flush();
      titleField?.dispose();
      cursors?.destroy();
      binding?.destroy();
      // Unsubscribing keeps the doc's unsent ops: the connection still sends them when it can.
      doc.unsubscribe();
    },
  };
}
