/**
 * The comment threads of one document as this editor knows them: loaded by REST when it opens, then
 * kept current by the server's announcements on `comments.<docId>`. Either may arrive first (or a
 * REST answer may be older than an announcement already received), so every copy is merged by the
 * thread's `rev`: the higher one wins. Where a thread is anchored comes from the document
 * (comment-anchors.js), never from these copies, so it is as live as the text.
 */
import { mayComment } from '../access/roles.js';

export const STATUSES = ['open', 'resolved', 'all'];

/** A thread from the server with the fields this app uses checked, or null when it is not one. */
export function readThread(value) {
  if (!value || typeof value !== 'object') return null;
  if (typeof value.id !== 'string' || value.id === '' || !Number.isFinite(value.rev)) return null;
  if (!Array.isArray(value.messages)) return null;
  const messages = value.messages.filter((message) => message && typeof message.id === 'string')
    .map((message) => ({
      id: message.id,
      author: String(message.author ?? ''),
      name: String(message.name || message.author || ''),
      text: message.deleted ? '' : String(message.text ?? ''),
      at: Number(message.at) || null,
      editedAt: Number(message.editedAt) || null,
      deleted: message.deleted === true,
    }));
  return {
    id: value.id,
    quote: String(value.quote ?? ''),
    author: String(value.author ?? ''),
    name: String(value.name || value.author || ''),
    createdAt: Number(value.createdAt) || null,
    resolved: value.resolved === true,
    resolvedBy: typeof value.resolvedBy === 'string' ? value.resolvedBy : null,
    resolvedAt: Number(value.resolvedAt) || null,
    rev: value.rev,
    messages,
  };
}

/**
 * Puts `value` (REST or live) into `threads` (a Map by id) unless a copy as new or newer is there.
 * Returns true when something changed.
 */
export function mergeThread(threads, value) {
  const thread = readThread(value);
  if (!thread) return false;
  const known = threads.get(thread.id);
  if (known && known.rev >= thread.rev) return false;
  threads.set(thread.id, thread);
  return true;
}

/**
 * The threads to list for `status` ('open' | 'resolved' | 'all'), with `ranges` and `detached` from
 * `anchors` (collectAnchors): open before resolved; within each, anchored ones in document order of
 * their first range, then detached ones, oldest first.
 */
export function listThreads(threads, anchors, status = 'open') {
  const wanted = [...threads.values()].filter((thread) => status === 'all' || thread.resolved === (status === 'resolved'));
  const listed = wanted.map((thread) => {
    const ranges = anchors.get(thread.id) ?? [];
    return { ...thread, ranges, detached: ranges.length === 0 };
  });
  return listed.sort((a, b) => Number(a.resolved) - Number(b.resolved)
    || Number(a.detached) - Number(b.detached)
    || (a.detached ? 0 : a.ranges[0].index - b.ranges[0].index)
    || (a.createdAt ?? 0) - (b.createdAt ?? 0)
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The passages to highlight: every range of every open thread, [{id, index, length}]. */
export function highlightedRanges(threads, anchors) {
  const ranges = [];
  for (const [id, pieces] of anchors) {
    const thread = threads.get(id);
    // A thread not (yet) known is shown too: its announcement may be on the way after its anchor.
    if (thread?.resolved) continue;
    for (const piece of pieces) ranges.push({ id, index: piece.index, length: piece.length });
  }
  return ranges;
}

/**
 * What `me` (a username) with `role` may do: reviewers, editors and managers comment, reply, resolve
 * and reopen; only a message's author edits or deletes it (and not once deleted); viewers only read.
 */
export function threadActionsFor(thread, { role }) {
  const writes = mayComment(role);
  return { reply: writes, resolve: writes && !thread.resolved, reopen: writes && thread.resolved };
}

export function messageActionsFor(message, { me, role }) {
  const own = mayComment(role) && Boolean(me) && message.author === me && !message.deleted;
  return { edit: own, delete: own };
}
