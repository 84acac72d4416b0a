/**
 * Gathers what the connection indicator needs (ShareDB state, browser online flag, failed reconnect
 * attempts, unacknowledged edits of the open documents, whether the server is waiting for its store)
 * and reports a fresh description on every change. Also reconnects at once when the browser comes
 * back online instead of waiting for the backoff timer.
 */
import { countUnsent, describeConnection } from './connection-status.js';

export function monitorConnection({ connection, socket, win = globalThis.window, onChange }) {
  const docs = new Set();
  let everConnected = connection.state === 'connected';
  let sessionEnded = false;
  let saving = false;

  const unsent = () => [...docs].reduce((sum, doc) => sum + countUnsent(doc), 0);

  function refresh() {
    if (connection.state === 'connected') everConnected = true;
    onChange(describeConnection({
      state: connection.state,
      browserOnline: win?.navigator?.onLine !== false,
      failedAttempts: connection.state === 'connected' ? 0 : Math.max(0, socket.retryCount - 1),
      unsent: unsent(),
      everConnected,
      sessionEnded,
      saving,
    }));
  }

  function backOnline() {
    // After the session ended the socket stays closed until the user has signed in again.
    if (connection.state !== 'connected' && !sessionEnded) socket.reconnect();
    refresh();
  }

  connection.on('state', refresh);
  socket.addEventListener('close', refresh);
  win?.addEventListener('online', backOnline);
  win?.addEventListener('offline', refresh);
  refresh();

  return {
    refresh,
    unsent,
    /** Counts this doc's unsent edits from now on (kept after the editor closes, until they are sent). */
    watch(doc) {
      docs.add(doc);
      refresh();
    },
    /** Stops counting this doc (access to it is gone: its edits can never be sent). */
    forget(doc) {
      docs.delete(doc);
      refresh();
    },
    /** The session ended (true) or was resumed by signing in again (false). */
    setSessionEnded(ended) {
      sessionEnded = ended;
      refresh();
    },
    /** The server is (true) or is no longer (false) waiting for its store to take the open document's edits. */
    setSaving(waiting) {
      saving = waiting;
      refresh();
    },
    /** No more reports: the connection is being closed (signed out). */
    stop() {
      connection.off('state', refresh);
      socket.removeEventListener('close', refresh);
      win?.removeEventListener('online', backOnline);
      win?.removeEventListener('offline', refresh);
    },
  };
}
