/**
 * Errors (from the HTTP API or ShareDB) as a short reason for the user, meant to be placed into a
 * sentence such as t('list.loadFailed', {reason}). Decided on the error code, never the message text.
 */
import { t } from '../strings/index.js';

export function describeError(err) {
  switch (err?.code) {
    case 'ERR_NETWORK':
      return t('error.network');
    case 'ERR_DOC_DOES_NOT_EXIST':
      return t('error.notFound');
    case 'ERR_BAD_REQUEST':
      return t('error.badRequest', { detail: err.message });
    case 'ERR_DOCUMENT_READ_ONLY':
      return t('error.readOnly');
    case 'ERR_OP_SUBMIT_REJECTED':
    case 'ERR_PENDING_OP_REMOVED_BY_OP_SUBMIT_REJECTED':
      return t('error.rejected');
    default:
      if (err?.status >= 500 || err?.code === 'ERR_HTTP') return t('error.server', { status: err.status });
      return t('error.unexpected', { detail: err?.code || err?.message || String(err) });
  }
}
