/**
 * When the editor must stop accepting edits: the document's metadata says so for this user (viewers),
 * or the server refused an op because the document is read-only for them. Editing on regardless would
 * be worse than useless: every refused op makes the stock client roll back and refetch, undoing the
 * user's unsent work. Reviewers edit, but only in suggesting mode (roles.js `mustSuggest`).
 */
import { isReadOnlyRole, mustSuggest } from '../access/roles.js';

export const READ_ONLY_ERROR_CODE = 'ERR_DOCUMENT_READ_ONLY';

/**
 * The server's `readOnly` when it sends the boolean; else what the `role` allows. For a reviewer the
 * server's `readOnly` says that they may not change the text directly, which suggesting never does.
 */
export function isReadOnlyMeta(meta) {
  if (mustSuggest(meta?.role)) return false;
  if (typeof meta?.readOnly === 'boolean') return meta.readOnly;
  return isReadOnlyRole(meta?.role);
}

export function isReadOnlyError(err) {
  return err?.code === READ_ONLY_ERROR_CODE;
}

export function shouldBeReadOnly({ meta, error } = {}) {
  return isReadOnlyMeta(meta) || isReadOnlyError(error);
}
