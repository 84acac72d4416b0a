/**
 * What the server says by closing the ShareDB WebSocket, and what repeated failures to reconnect may
 * mean:
 *   4401  the session expired or the account was disabled: stop reconnecting (every attempt would be
 *         refused) and have the user sign in again;
 *   4403  this user's access to a document changed: the socket reconnects by itself, and the open page
 *         re-reads the document's role (or learns that access is gone);
 *   a run of failed attempts: the upgrade may be refused with HTTP 401, which a browser reports as a
 *         plain failure, so ask GET /api/session whether the session still exists.
 *
 * `socket` is the reconnecting-websocket (it reports every failed attempt as a close); the checks
 * are callbacks so the rules are unit-tested without a server.
 */

export const CLOSE_SESSION_ENDED = 4401;
export const CLOSE_ACCESS_CHANGED = 4403;

/** Failed attempts in a row before the first session check, and between later checks. */
export const CHECK_SESSION_AFTER_FAILURES = 2;
export const CHECK_SESSION_EVERY_FAILURES = 5;

/** 'session-ended' | 'access-changed' | 'other' for a close event's code. */
export function classifyClose(event) {
  if (event?.code === CLOSE_SESSION_ENDED) return 'session-ended';
  if (event?.code === CLOSE_ACCESS_CHANGED) return 'access-changed';
  return 'other';
}

/** Whether the `failures`-th failed attempt in a row should check the session. */
export function shouldCheckSession(failures) {
  if (failures < CHECK_SESSION_AFTER_FAILURES) return false;
  return (failures - CHECK_SESSION_AFTER_FAILURES) % CHECK_SESSION_EVERY_FAILURES === 0;
}

/**
 * Listens to `socket` until `stop()`. `checkSession()` resolves true while the session is valid, false
 * once it is gone, and may reject (offline: nothing is concluded then).
 */
export function watchSocket({ socket, checkSession, onSessionEnded, onAccessChanged }) {
  let failures = 0;
  let opened = false; // since the last close
  let stopped = false;

  function handleOpen() {
    opened = true;
    failures = 0;
  }

  async function checkAfterFailures() {
    let valid;
    try {
      valid = await checkSession();
    } catch {
      return; // the server cannot be reached: reconnecting goes on, the indicator says offline
    }
    if (!valid && !stopped) onSessionEnded();
  }

  function handleClose(event) {
    if (stopped) return;
    const wasOpen = opened;
    opened = false;
    const kind = classifyClose(event);
    if (kind === 'session-ended') {
      socket.close(); // no reconnecting until the user has signed in again
      onSessionEnded();
      return;
    }
    if (kind === 'access-changed') {
      onAccessChanged();
      return;
    }
    if (wasOpen) return; // a dropped connection, not a refused one: the next attempt counts
    failures += 1;
    if (shouldCheckSession(failures)) checkAfterFailures();
  }

  socket.addEventListener('open', handleOpen);
  socket.addEventListener('close', handleClose);
  return {
    stop() {
      stopped = true;
      socket.removeEventListener('open', handleOpen);
      socket.removeEventListener('close', handleClose);
    },
  };
}
