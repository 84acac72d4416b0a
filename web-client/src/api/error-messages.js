/**
 * Errors (from the HTTP API or ShareDB) in words for the user. Decided on the error code, never the
 * message text. `describeError` gives a short reason meant to be placed into a sentence such as
 * t('list.loadFailed', {reason}); `describeSignInError` the whole sentence under the sign-in form.
 */
import { t } from '../strings/index.js';

/**
 * The server refused an op that is not a well-formed suggestion of the user's own: a reviewer's direct
 * edit, or text marked with someone else's name.
 */
export const SUGGESTIONS_ONLY = 'ERR_SUGGESTIONS_ONLY';

export function isSuggestionsOnlyError(err) {
  return err?.code === SUGGESTIONS_ONLY;
}

/**
 * The server refused an edit because it already holds as many unsaved edits as it may while its store
 * does not answer; the edits it accepted earlier are kept.
 */
export const STORE_BACKLOG_FULL = 'ERR_STORE_BACKLOG_FULL';

export function isStoreBacklogFull(err) {
  return err?.code === STORE_BACKLOG_FULL;
}

export function describeError(err) {
  switch (err?.code) {
    case 'ERR_NETWORK':
      return t('error.network');
    case 'ERR_DOC_DOES_NOT_EXIST':
    case 'ERR_NOT_FOUND':
      return t('error.notFound');
    case 'ERR_BAD_REQUEST':
      return t('error.badRequest', { detail: err.message });
    case 'ERR_DOCUMENT_READ_ONLY':
      return t('error.readOnly');
    case SUGGESTIONS_ONLY:
      return t('error.suggestionsOnly');
    case 'ERR_OP_SUBMIT_REJECTED':
    case 'ERR_PENDING_OP_REMOVED_BY_OP_SUBMIT_REJECTED':
      return t('error.rejected');
    case 'ERR_UNAUTHENTICATED':
      return t('error.signedOut');
    case 'ERR_FORBIDDEN':
      return t('error.forbidden');
    case 'ERR_PASSAGE_GONE':
      return t('error.passageGone');
    case 'ERR_THREAD_FULL':
      return t('error.threadFull');
    case 'ERR_LAST_MANAGER':
      return t('error.lastManager');
    case 'ERR_USER_NOT_FOUND':
      return t('error.userNotFound');
    case 'ERR_USER_EXISTS':
      return t('error.userExists');
    case 'ERR_ACCOUNT_DISABLED':
      return t('error.accountDisabled');
    default:
      if (err?.status >= 500 || err?.code === 'ERR_HTTP') return t('error.server', { status: err.status });
      return t('error.unexpected', { detail: err?.code || err?.message || String(err) });
  }
}

/** True when the document exists but is not shared with this user (HTTP 403 or a ShareDB error). */
export function isForbidden(err) {
  return err?.code === 'ERR_FORBIDDEN';
}

/** True when the document does not exist (the API's 404 codes, old and new, or ShareDB's). */
export function isNotFound(err) {
  return err?.code === 'ERR_DOC_DOES_NOT_EXIST' || err?.code === 'ERR_NOT_FOUND';
}

/** Whole minutes to wait, at least one: "try again in 1 minute" reads better than "in 0 minutes". */
export function minutesToWait(retryAfterSeconds) {
  const seconds = Number(retryAfterSeconds);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 1;
}

/** Why signing in failed, as a sentence. */
export function describeSignInError(err) {
  switch (err?.code) {
    case 'ERR_UNAUTHENTICATED':
      return t('signIn.wrongPassword');
    case 'ERR_ACCOUNT_DISABLED':
      return t('signIn.disabled');
    case 'ERR_TOO_MANY_ATTEMPTS':
      return t('signIn.tooManyAttempts', { count: minutesToWait(err.retryAfterSeconds) });
    case 'ERR_NETWORK':
      return t('signIn.network');
    default:
      return t('signIn.failed', { reason: describeError(err) });
  }
}
