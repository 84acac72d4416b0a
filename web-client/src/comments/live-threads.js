/**
 * Keeps the comment threads of one document current: a REST load when the editor opens (and again
 * after each reconnect, since announcements made while cut off are not repeated), merged with the
 * server's announcements on the presence channel `comments.<docId>`. Each announcement is a remote
 * presence whose id is the thread id and whose value is the thread. This client only subscribes: the
 * server refuses anything published there.
 */
import { mergeThread } from './comment-threads.js';

export const COMMENTS_CHANNEL_PREFIX = 'comments.';

/**
 * `api`: createCommentsApi(); `onChange(threads)` with the Map by id whenever something changed;
 * `onError(err)` when loading failed. `accept(thread)` puts in a thread an API call answered with.
 */
export function followThreads({ connection, api, docId, onChange = () => {}, onError = () => {} }) {
  const threads = new Map();
  const presence = connection.getPresence(COMMENTS_CHANNEL_PREFIX + docId);
  let stopped = false;
  let wasCutOff = false;

  async function load() {
    try {
      const listed = await api.listThreads(docId, { status: 'all' });
      if (stopped) return;
      let changed = false;
      for (const thread of listed) changed = mergeThread(threads, thread) || changed;
      onChange(threads, { loaded: true, changed });
    } catch (err) {
      if (!stopped) onError(err);
    }
  }

  function onReceive(_id, value) {
    if (mergeThread(threads, value)) onChange(threads, { loaded: false, changed: true });
  }

  function onState(state) {
    if (state !== 'connected') { wasCutOff = true; return; }
    if (wasCutOff) { wasCutOff = false; load(); }
  }

  function onPresenceError() {
    // A refused subscription leaves the REST list, which still loads; nothing to tell the user.
  }

  presence.on('receive', onReceive);
  presence.on('error', onPresenceError);
  connection.on('state', onState);
  presence.subscribe((err) => { if (err) onPresenceError(err); });
  load();

  return {
    threads,
    /** The thread an API call answered with, shown at once (its announcement may come later). */
    accept(value) {
      if (mergeThread(threads, value)) onChange(threads, { loaded: false, changed: true });
    },
    reload: load,
    stop() {
      stopped = true;
      presence.off('receive', onReceive);
      connection.off('state', onState);
      presence.destroy(() => presence.off('error', onPresenceError));
    },
  };
}
