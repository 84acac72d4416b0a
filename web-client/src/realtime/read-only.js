/**
 * When the editor must stop accepting edits: the document's metadata says so for this user (viewers
 * and reviewers), or the server refused an op because the document is read-only for them. Editing on
 * regardless would be worse than useless: every refused op makes the stock client roll back and
 * refetch, undoing the user's unsent work.
 */
import { isReadOnlyRole } from '../access/roles.js';

export const READ_ONLY_ERROR_CODE = 'ERR_DOCUMENT_READ_ONLY';

/** The server's `readOnly` when it sends the boolean; else what the `role` allows. */
export function isReadOnlyMeta(meta) {
  if (typeof meta?.readOnly === 'boolean') return meta.readOnly;
  return isReadOnlyRole(meta?.role);
}

export function isReadOnlyError(err) {
  return err?.code === READ_ONLY_ERROR_CODE;
}

export function shouldBeReadOnly({ meta, error } = {}) {
  return isReadOnlyMeta(meta) || isReadOnlyError(error);
}
