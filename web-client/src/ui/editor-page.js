/**
 * The editor page for one document: title, the user's role and "Share", toolbar, text, who is here,
 * the suggestions, and messages. It wires the pieces together; the logic lives in quill-binding.js and
 * suggest-conversion.js (text), shared-cursors.js (presence), suggestion-list.js (the side list),
 * title-saver.js (title), read-only.js and roles.js (what this user may do).
 *
 * Suggesting: reviewers always suggest; editors and managers switch it on with "Suggest changes".
 * Accepting and rejecting go through the server's API, which commits the result as an ordinary op: it
 * reaches this editor (and the list) like anyone's edit.
 *
 * Editing stops for as long as any reason to stop holds (see `stops`): the role only allows reading,
 * the document was deleted or holds content this editor cannot show, the session ended, or access is
 * gone. Each reason has its own message; a role change (the server closes the socket with 4403, or a
 * periodic re-read) can lift the first one again.
 */
import { h, replaceChildren, uniqueId } from './dom.js';
import { t } from '../strings/index.js';
import { LIST_HREF } from '../routing/routes.js';
import { describeError, isForbidden, isNotFound, isSuggestionsOnlyError } from '../api/error-messages.js';
import { isUnauthenticated } from '../api/http.js';
import { canManageAccess, maySwitchToSuggesting, mustSuggest, roleLabel } from '../access/roles.js';
import { COLLECTION } from '../realtime/realtime-connection.js';
import { bindQuillToDoc } from '../realtime/quill-binding.js';
import { isReadOnlyError, isReadOnlyMeta } from '../realtime/read-only.js';
import { shareCursors } from '../presence/shared-cursors.js';
import { collectSuggestions } from '../suggestions/suggestion-list.js';
import { createMessageArea } from './message-area.js';
import { createPeopleList } from './people-list.js';
import { createSuggestionList } from './suggestion-list.js';
import { createTitleField } from './title-field.js';
import { createToolbar } from './toolbar.js';
import { openLinkDialog } from './link-dialog.js';
import { openShareDialog } from './share-dialog.js';
import { createQuill, setQuillReadOnly, watchDeleteDirection } from './quill-editor.js';

/** How often the title and role are re-read, to show a rename or a role change made by someone else. */
const META_REFRESH_MS = 30_000;

/** Reasons that also make the title read-only (the others concern only the text). */
const TITLE_STOPS = new Set(['read-only', 'session-ended', 'no-access']);

/** Ops come keystroke by keystroke; the suggestion list is redrawn at most this often. */
const SUGGESTIONS_REDRAW_MS = 150;

/**
 * `onReopen()` renders the page afresh (access came back after it was gone); `usersApi` lists the
 * people a manager can share with.
 */
export function renderEditorPage({ main, id, api, usersApi, realtime, monitor, getUser, onReopen = () => {} }) {
  const messages = createMessageArea();
  const people = createPeopleList();
  const suggestionList = createSuggestionList({ onSelect: selectSuggestion, onDecide: decideSuggestions });
  const hintId = uniqueId('editor-hint');
  const editorId = uniqueId('editor');
  const toolbar = createToolbar({ controls: editorId, onToggleSuggesting: () => applySuggesting({ on: !suggesting.on }) });
  const host = h('div', { id: editorId, class: 'editor__host', 'data-testid': 'editor' });
  const heading = h('h1', { class: 'visually-hidden', text: t('editor.loading') });
  const titleSlot = h('div', { class: 'editor-bar__title' }, h('span', { class: 'muted', text: t('editor.loading') }));
  const roleBadge = h('span', { class: 'role-badge', hidden: true, 'data-testid': 'my-role' });
  const shareButton = h('button', { type: 'button', class: 'button', hidden: true, text: t('editor.share'),
    'data-testid': 'share-button', onclick: openSharing });
  const editorColumn = h('div', { class: 'editor', hidden: true },
    toolbar.element, host, h('p', { id: hintId, class: 'hint', text: t('editor.keyboardHint') }));
  suggestionList.element.hidden = true; // until the text is there
  const layout = h('div', { class: 'editor-layout' }, editorColumn,
    h('div', { class: 'editor-side' }, people.element, suggestionList.element));

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
  let deleteDirection = null;
  let suggestionsTimer = null;
  const stops = new Set();
  /** `canSwitch`: the toggle is offered; `locked`: always on (a reviewer); `on`: edits are suggestions. */
  const suggesting = { canSwitch: false, locked: false, on: false };
  const doc = realtime.connection.get(COLLECTION, id);
  monitor.watch(doc);

  /** Editing on or off, from the reasons to stop that hold now. */
  function updateEditing() {
    const stopped = stops.size > 0;
    if (quill) setQuillReadOnly(quill, stopped);
    toolbar.setDisabled(stopped);
    toolbar.setSuggesting({ canSuggest: suggesting.canSwitch || suggesting.locked, suggesting: suggesting.on,
      locked: suggesting.locked });
    // Reviewers suggest changes to the text; the title has no suggestions, so it stays as it is.
    titleField?.setReadOnly(suggesting.locked || [...stops].some((reason) => TITLE_STOPS.has(reason)));
  }

  /** Suggesting on or off (the toggle, or what the role allows), saying so when it changes. */
  function applySuggesting(changes) {
    const next = { ...suggesting, ...changes };
    if (next.locked) next.on = true;
    else if (!next.canSwitch) next.on = false;
    const switched = next.on !== suggesting.on || next.locked !== suggesting.locked;
    Object.assign(suggesting, next);
    updateEditing();
    if (!switched) return;
    // Undo must not mix edits made directly with suggestions: each would be converted the other way.
    quill?.history.clear();
    messages.hide('formatting');
    if (suggesting.on) {
      messages.show('suggesting', suggesting.locked ? t('editor.suggestingReviewer') : t('editor.suggesting'), { tone: 'info' });
    } else {
      messages.hide('suggesting');
    }
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
    // A reviewer who becomes an editor edits directly again: suggesting was never their choice.
    applySuggesting({ canSwitch: maySwitchToSuggesting(next.role), locked: mustSuggest(next.role),
      ...(suggesting.locked && !mustSuggest(next.role) ? { on: false } : {}) });
    if (isReadOnlyMeta(next)) stopEditing('read-only', t('editor.readOnly'));
    else if (stops.has('read-only')) resumeEditing('read-only');
    showSuggestions(); // who may decide what
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
    stopListingSuggestions();
    doc.unsubscribe();
    monitor.forget(doc);
    shareDialog?.close();
    shareButton.hidden = true;
    roleBadge.hidden = true;
    people.element.hidden = true; // nobody is shown as here any more: the presence is gone
    suggestionList.element.hidden = true; // no decisions can be made any more
    for (const topic of ['loading', 'read-only', 'meta', 'open', 'refused', 'suggesting', 'formatting', 'decide']) {
      messages.hide(topic);
    }
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
    // The stock client puts the server's text back; the reviewer goes on suggesting.
    if (isSuggestionsOnlyError(err) && suggesting.locked) { messages.show('refused', t('editor.suggestionsOnly')); return; }
    messages.show('refused', t('editor.editRefused', { reason: describeError(err) }));
  }

  // ---- suggestions ----

  function showSuggestions() {
    clearTimeout(suggestionsTimer);
    suggestionsTimer = null;
    if (!quill || !doc.type || stops.has('no-access')) return;
    suggestionList.show({ suggestions: collectSuggestions(doc.data), me: getUser()?.username ?? null, role: meta?.role ?? null });
  }

  function suggestionsChanged() {
    if (suggestionsTimer === null) suggestionsTimer = setTimeout(showSuggestions, SUGGESTIONS_REDRAW_MS);
  }

  function stopListingSuggestions() {
    clearTimeout(suggestionsTimer);
    suggestionsTimer = null;
    doc.off('op', suggestionsChanged);
    doc.off('load', suggestionsChanged);
  }

  /** Selects the suggestion's text in the editor (which takes the focus and scrolls to it). */
  function selectSuggestion(suggestion) {
    if (!quill) return;
    const last = quill.getLength() - 1;
    const index = Math.min(suggestion.index, last);
    quill.setSelection(index, Math.max(0, Math.min(suggestion.length, last - index)), 'user');
  }

  async function decideSuggestions(decision, which, { withdraw = false } = {}) {
    messages.hide('decide');
    suggestionList.say('');
    try {
      const answer = await api.decideSuggestions(id, decision, which);
      if (destroyed) return;
      const count = Number(answer?.decided) || 0;
      suggestionList.say(withdraw ? t('suggestions.withdrawn')
        : decision === 'accept' ? t('suggestions.accepted', { count }) : t('suggestions.rejected', { count }));
    } catch (err) {
      if (destroyed || isUnauthenticated(err)) return; // the app shows the sign-in page
      messages.show('decide', t('suggestions.decideFailed', { reason: describeError(err) }));
    }
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
      isSuggesting: () => suggesting.on,
    });
    deleteDirection = watchDeleteDirection(quill.root);
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
      author: () => { const user = getUser(); return user ? { username: user.username, name: user.name } : null; },
      suggesting: () => suggesting.on,
      deletesForward: () => deleteDirection?.forward() ?? false,
      onFormattingRefused: () => messages.show('formatting', t('editor.formattingRefused'), { tone: 'info' }),
    });
    quill.history.clear();
    updateEditing();
    doc.on('op', suggestionsChanged);
    doc.on('load', suggestionsChanged);
    suggestionList.element.hidden = false;
    showSuggestions();
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
  const metaTimer = setInterval(() => {
    if (mayOpen || stops.has('no-access')) refreshMeta();
    suggestionList.refreshTimes();
  }, META_REFRESH_MS);

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
      deleteDirection?.stop();
      stopListingSuggestions();
      // Unsubscribing keeps the doc's unsent ops: the connection still sends them when it can.
      doc.unsubscribe();
    },
  };
}
