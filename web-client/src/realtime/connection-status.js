/**
 * What the always-visible connection indicator says, from the ShareDB connection state, the browser's
 * online flag, how many reconnect attempts failed in a row, how many edits the server has not
 * acknowledged yet, and whether the server says it is waiting for its store to take the open
 * document's edits (saving-status.js). Pure, so every case is unit-tested.
 *
 *   kind 'connecting'    never connected yet
 *   kind 'connected'     handshake done; edits flow
 *   kind 'saving'        connected, but the server cannot write to its store: edits are kept, unsaved
 *   kind 'reconnecting'  lost the socket, retrying; edits are kept
 *   kind 'offline'       the browser says offline, or several attempts failed in a row
 *   kind 'signed-out'    the session ended while edits were unsent; they are sent after signing in
 */
import { t } from '../strings/index.js';

/** Failed attempts in a row after which "reconnecting" becomes "offline": about 3 s of backoff. */
export const OFFLINE_AFTER_FAILED_ATTEMPTS = 3;

export function describeConnection({ state, browserOnline = true, failedAttempts = 0, unsent = 0, everConnected = true,
  sessionEnded = false, saving = false }) {
  if (sessionEnded) {
    const text = unsent > 0 ? t('status.signedOutUnsent', { count: unsent }) : t('status.signedOut');
    return { kind: 'signed-out', text, unsent };
  }
  if (state === 'connected') {
    if (saving) {
      // Counted here, unlike while merely connected: these edits stay unacknowledged until the store
      // answers, which may take minutes.
      const text = unsent > 0 ? t('status.savingUnsent', { count: unsent }) : t('status.saving');
      return { kind: 'saving', text, unsent };
    }
    // Unacknowledged edits are normal for a few milliseconds while connected; counting them here would
    // make the text (and screen readers) flicker on every keystroke.
    return { kind: 'connected', text: t('status.connected'), unsent };
  }
  if (!browserOnline || failedAttempts >= OFFLINE_AFTER_FAILED_ATTEMPTS) {
    const text = unsent > 0 ? t('status.offlineUnsent', { count: unsent }) : t('status.offline');
    return { kind: 'offline', text, unsent };
  }
  if (!everConnected) return { kind: 'connecting', text: t('status.connecting'), unsent };
  const text = unsent > 0 ? t('status.reconnectingUnsent', { count: unsent }) : t('status.reconnecting');
  return { kind: 'reconnecting', text, unsent };
}

/**
 * Edits of `doc` the server has not acknowledged: the op in flight plus the queued ones (the stock
 * client composes consecutive queued edits into one op, so this counts batches, not keystrokes).
 */
export function countUnsent(doc) {
  return (doc.inflightOp ? 1 : 0) + (doc.pendingOps?.length ?? 0);
}
