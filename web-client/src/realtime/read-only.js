/**
 * When the editor must stop accepting edits: the document's metadata says so for this user, or the
 * server refused an op because the document is read-only for them. Editing on regardless would be
 * worse than useless: every refused op makes the stock client roll back and refetch, undoing the
 * user's unsent work.
 */
export const READ_ONLY_ERROR_CODE = 'ERR_DOCUMENT_READ_ONLY';

export function isReadOnlyMeta(meta) {
  return meta?.readOnly === true;
}

export function isReadOnlyError(err) {
  return err?.code === READ_ONLY_ERROR_CODE;
}

export function shouldBeReadOnly({ meta, error } = {}) {
  return isReadOnlyMeta(meta) || isReadOnlyError(error);
}
