/**
 * The editor page for one document: title, the user's role and "Share", toolbar, text, who is here,
 * the suggestions, the comments, and messages. It wires the pieces together; the logic lives in
 * quill-binding.js and suggest-conversion.js (text), shared-cursors.js (presence), suggestion-list.js
 * (the side list), comment-anchors.js, comment-threads.js and live-threads.js (comments), title-saver.js
 * (title), read-only.js and roles.js (what this user may do), saving-status.js (the server waiting for
 * its store, shown by the connection indicator).
 *
 * Comments: a thread is anchored by an attribute on its passage in the document (which Quill never
 * sees); the highlights are drawn over the text from the ShareDB doc's data on every op, and the
 * threads come by REST and then live from the server's announcements.
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
import { describeError, isForbidden, isNotFound, isStoreBacklogFull, isSuggestionsOnlyError } from '../api/error-messages.js';
import { isUnauthenticated } from '../api/http.js';
import { canManageAccess, mayComment, maySwitchToSuggesting, mustSuggest, roleLabel } from '../access/roles.js';
import { COLLECTION } from '../realtime/realtime-connection.js';
import { bindQuillToDoc } from '../realtime/quill-binding.js';
import { isReadOnlyError, isReadOnlyMeta } from '../realtime/read-only.js';
import { followSavingStatus } from '../realtime/saving-status.js';
import { shareCursors } from '../presence/shared-cursors.js';
import { collectSuggestions } from '../suggestions/suggestion-list.js';
import { collectAnchors, threadsAt } from '../comments/comment-anchors.js';
import { highlightedRanges, listThreads } from '../comments/comment-threads.js';
import { followThreads } from '../comments/live-threads.js';
import { createCommentComposer } from './comment-composer.js';
import { createCommentHighlights } from './comment-highlights.js';
import { createCommentPanel } from './comment-panel.js';
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

/** Below this width the side panels go below the text (app.css): selecting a thread then does not scroll. */
const NARROW_LAYOUT = '(max-width: 56rem)';

/** Reasons to stop editing that also stop commenting (a reviewer or a read-only document still may). */
const COMMENT_STOPS = ['no-access', 'session-ended', 'deleted'];

/**
 * `onReopen()` renders the page afresh (access came back after it was gone); `usersApi` lists the
 * people a manager can share with; `commentsApi` (createCommentsApi) reads and writes comment threads.
 */
export function renderEditorPage({ main, id, api, usersApi, commentsApi, realtime, monitor, getUser, onReopen = () => {} }) {
  const messages = createMessageArea();
  const people = createPeopleList();
  const suggestionList = createSuggestionList({ onSelect: selectSuggestion, onDecide: decideSuggestions });
  const hintId = uniqueId('editor-hint');
  const editorId = uniqueId('editor');
  const commentPanel = createCommentPanel({ onSelect: (threadId) => selectThread(threadId, { fromPanel: true }),
    onFilter: filterComments, onAct: actOnThread });
  const toolbar = createToolbar({ controls: editorId, onToggleSuggesting: () => applySuggesting({ on: !suggesting.on }),
    onComment: openComposer });
  const host = h('div', { id: editorId, class: 'editor__host', 'data-testid': 'editor' });
  const heading = h('h1', { class: 'visually-hidden', text: t('editor.loading') });
  const titleSlot = h('div', { class: 'editor-bar__title' }, h('span', { class: 'muted', text: t('editor.loading') }));
  const roleBadge = h('span', { class: 'role-badge', hidden: true, 'data-testid': 'my-role' });
  const shareButton = h('button', { type: 'button', class: 'button', hidden: true, text: t('editor.share'),
    'data-testid': 'share-button', onclick: openSharing });
  const editorColumn = h('div', { class: 'editor', hidden: true },
    toolbar.element, host, h('p', { id: hintId, class: 'hint', text: t('editor.keyboardHint') }));
  suggestionList.element.hidden = true; // until the text is there
  commentPanel.element.hidden = true;
  const layout = h('div', { class: 'editor-layout' }, editorColumn,
    h('div', { class: 'editor-side' }, people.element, commentPanel.element, suggestionList.element));

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
  let savingStatus = null;
  let titleField = null;
  let meta = null;
  let title = '';
  let shareDialog = null;
  let mayOpen = false; // the metadata did not refuse the document (it may still be missing: offline)
  let deleteDirection = null;
  let suggestionsTimer = null;
  /** The comment threads: `feed` (followThreads), the filter, the selected thread, where each is anchored. */
  const comments = { feed: null, highlights: null, composer: null, status: 'open', selectedId: null,
    anchors: new Map(), frame: null };
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
    toolbar.setCanComment(mayCommentNow());
    if (!mayCommentNow()) comments.composer?.close();
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
    showComments(); // who may write, resolve and edit what
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
    savingStatus?.stop();
    savingStatus = null;
    stopListingSuggestions();
    stopComments();
    doc.unsubscribe();
    monitor.forget(doc);
    shareDialog?.close();
    shareButton.hidden = true;
    roleBadge.hidden = true;
    people.element.hidden = true; // nobody is shown as here any more: the presence is gone
    suggestionList.element.hidden = true; // no decisions can be made any more
    commentPanel.element.hidden = true;
    for (const topic of ['loading', 'read-only', 'meta', 'open', 'refused', 'suggesting', 'formatting', 'decide', 'comment']) {
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
    if (isStoreBacklogFull(err)) {
      // The stock client has put the server's text back already ('reloaded'); this says why, and that it passes.
      messages.hide('reloaded');
      messages.show('refused', t('editor.storeBacklogFull'), { tone: 'warning' });
      return;
    }
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

  // ---- comments ----

  function mayCommentNow() {
    return mayComment(meta?.role) && !COMMENT_STOPS.some((reason) => stops.has(reason));
  }

  function startComments() {
    comments.highlights = createCommentHighlights(quill);
    comments.composer = createCommentComposer({ quill, onSend: createThread, onClose: () => quill?.focus() });
    comments.feed = followThreads({
      connection: realtime.connection,
      api: commentsApi,
      docId: id,
      onChange: () => { messages.hide('comments'); commentsChanged(); },
      onError: (err) => {
        if (!isUnauthenticated(err)) messages.show('comments', t('comments.loadFailed', { reason: describeError(err) }));
      },
    });
    doc.on('op', commentOp);
    doc.on('load', commentsChanged);
    quill.root.addEventListener('click', selectThreadAtCaret);
    host.addEventListener('keydown', commentShortcut);
    commentPanel.element.hidden = false;
    showComments();
  }

  function stopComments() {
    if (comments.frame !== null) cancelAnimationFrame(comments.frame);
    comments.frame = null;
    comments.feed?.stop();
    comments.highlights?.destroy();
    comments.composer?.destroy();
    comments.feed = comments.highlights = comments.composer = null;
    doc.off('op', commentOp);
    doc.off('load', commentsChanged);
    quill?.root.removeEventListener('click', selectThreadAtCaret);
    host.removeEventListener('keydown', commentShortcut);
  }

  /** Every edit moves the anchors (and the passage of a comment being written). */
  function commentOp(op) {
    comments.composer?.moveThrough(op);
    commentsChanged();
  }

  /** Once per frame at most: ops come keystroke by keystroke. */
  function commentsChanged() {
    if (comments.frame === null) comments.frame = requestAnimationFrame(showComments);
  }

  function showComments() {
    if (comments.frame !== null) cancelAnimationFrame(comments.frame);
    comments.frame = null;
    if (!comments.feed || !doc.type) return;
    const threads = comments.feed.threads;
    comments.anchors = collectAnchors(doc.data);
    const open = [...threads.values()].filter((thread) => !thread.resolved).length;
    commentPanel.show({ threads: listThreads(threads, comments.anchors, comments.status), me: getUser()?.username ?? null,
      role: meta?.role ?? null, status: comments.status, selectedId: comments.selectedId, total: open });
    comments.highlights.show(highlightedRanges(threads, comments.anchors), comments.selectedId);
  }

  function filterComments(status) {
    comments.status = status;
    showComments();
  }

  /**
   * Shows a thread more strongly, in the list and in the text; from the list, the passage is scrolled
   * to (beside the text only: below it, the list would go out of view).
   */
  function selectThread(threadId, { fromPanel = false } = {}) {
    comments.selectedId = threadId;
    const thread = threadId ? comments.feed?.threads.get(threadId) : null;
    if (thread && !thread.resolved && comments.status === 'resolved') comments.status = 'open';
    showComments();
    if (!threadId) return;
    commentPanel.reveal(threadId);
    if (fromPanel && !window.matchMedia(NARROW_LAYOUT).matches) {
      comments.highlights.boxesOf(threadId)[0]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
  }

  /** A click in highlighted text selects its thread (the innermost, when passages overlap: the last one started). */
  function selectThreadAtCaret() {
    const range = quill?.getSelection();
    if (!range || range.length > 0) return;
    const open = (ids) => ids.filter((threadId) => !comments.feed?.threads.get(threadId)?.resolved);
    const here = open(threadsAt(comments.anchors, range.index));
    const candidates = here.length ? here : open(threadsAt(comments.anchors, range.index - 1));
    if (candidates.length === 0) return;
    // Clicking again in overlapping passages goes on to the next thread there.
    const at = candidates.indexOf(comments.selectedId);
    selectThread(candidates[(at + 1) % candidates.length]);
  }

  function commentShortcut(event) {
    if (event.code === 'KeyM' && event.altKey && (event.ctrlKey || event.metaKey) && !event.shiftKey) {
      event.preventDefault();
      openComposer();
    }
  }

  function openComposer() {
    if (!quill || !comments.composer || !mayCommentNow()) return;
    const range = quill.getSelection() ?? quill.selection?.savedRange;
    if (!range || range.length === 0) {
      messages.show('comment', t('comments.selectTextFirst'), { tone: 'info' });
      return;
    }
    messages.hide('comment');
    comments.composer.open(range);
  }

  /** Creates the thread; true when done, else what to say in the composer. */
  async function createThread({ getPassage, text }) {
    const failed = (err) => t('comments.failed', { reason: describeError(err) });
    if (realtime.connection.state !== 'connected') return failed({ code: 'ERR_NETWORK' });
    // The passage is in the document as this editor has it: with no edit of ours unacknowledged, that
    // is exactly version doc.version, which the server moves it from.
    await new Promise((resolve) => doc.whenNothingPending(resolve));
    if (destroyed) return false;
    const passage = getPassage();
    if (!passage || passage.length === 0) return failed({ code: 'ERR_PASSAGE_GONE' });
    try {
      const thread = await commentsApi.createThread(id, { v: doc.version, index: passage.index, length: passage.length, text });
      if (destroyed) return false;
      comments.feed?.accept(thread);
      comments.selectedId = thread?.id ?? null;
      if (comments.status === 'resolved') comments.status = 'open';
      showComments();
      commentPanel.say(t('comments.created'));
      return true;
    } catch (err) {
      if (isForbidden(err)) refreshMeta({ force: true }); // the role may have changed meanwhile
      return failed(err);
    }
  }

  /** A reply, an edit, a deletion, resolving or reopening; true when done, else the failure is shown. */
  async function actOnThread(action, thread, { message = null, text = '' } = {}) {
    messages.hide('comment');
    commentPanel.say('');
    const calls = {
      reply: () => commentsApi.reply(id, thread.id, text),
      edit: () => commentsApi.editMessage(id, thread.id, message.id, text),
      delete: () => commentsApi.deleteMessage(id, thread.id, message.id),
      resolve: () => commentsApi.resolve(id, thread.id),
      reopen: () => commentsApi.reopen(id, thread.id),
    };
    try {
      const answer = await calls[action]();
      if (destroyed) return false;
      comments.feed?.accept(answer);
      if (action === 'resolve') commentPanel.say(t('comments.resolved'));
      if (action === 'reopen') commentPanel.say(t('comments.reopened'));
      return true;
    } catch (err) {
      if (destroyed || isUnauthenticated(err)) return false; // the app shows the sign-in page
      messages.show('comment', t('comments.failed', { reason: describeError(err) }));
      return false;
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
    savingStatus = followSavingStatus({ connection: realtime.connection, docId: id,
      onChange: (saving) => monitor.setSaving(saving) });
    doc.on('op', suggestionsChanged);
    doc.on('load', suggestionsChanged);
    suggestionList.element.hidden = false;
    showSuggestions();
    startComments();
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
    commentPanel.refreshTimes();
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
      savingStatus?.stop();
      deleteDirection?.stop();
      stopListingSuggestions();
      stopComments();
      // Unsubscribing keeps the doc's unsent ops: the connection still sends them when it can.
      doc.unsubscribe();
    },
  };
}
