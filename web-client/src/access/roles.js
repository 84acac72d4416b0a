/**
 * Per-document roles. A manager shares the document and edits it; an editor edits; a reviewer suggests
 * changes (always: whatever they type or delete is marked as their suggestion, for an editor or
 * manager to accept or reject); a viewer reads. Administrators act as managers.
 */
import { t } from '../strings/index.js';

/** From most to least rights: the order the role pickers list them in. */
export const ROLES = ['manager', 'editor', 'reviewer', 'viewer'];

/** What a new person gets unless the manager picks another role. */
export const DEFAULT_ROLE = 'editor';

/** Roles that may read but neither change nor suggest changes to the text. */
export function isReadOnlyRole(role) {
  return role === 'viewer';
}

/** Roles whose every change to the text is a suggestion (and who may not rename the document). */
export function mustSuggest(role) {
  return role === 'reviewer';
}

/** Roles that change the text directly and may switch to suggesting instead. */
export function maySwitchToSuggesting(role) {
  return role === 'manager' || role === 'editor';
}

/** Roles that accept and reject anyone's suggestions (anyone may withdraw their own). */
export function mayDecideSuggestions(role) {
  return role === 'manager' || role === 'editor';
}

/** Roles that write comments: start threads, reply, resolve and reopen (viewers only read them). */
export function mayComment(role) {
  return role === 'manager' || role === 'editor' || role === 'reviewer';
}

/** The role's name for people. An unknown role (a newer server) is shown as the server spells it. */
export function roleLabel(role) {
  switch (role) {
    case 'manager': return t('role.manager');
    case 'editor': return t('role.editor');
    case 'reviewer': return t('role.reviewer');
    case 'viewer': return t('role.viewer');
    default: return role ? String(role) : t('role.none');
  }
}

/** What the role allows, in a few words, for the share dialog's role picker. */
export function roleHint(role) {
  switch (role) {
    case 'manager': return t('role.managerHint');
    case 'editor': return t('role.editorHint');
    case 'reviewer': return t('role.reviewerHint');
    case 'viewer': return t('role.viewerHint');
    default: return '';
  }
}

/** Whether this user may change who has access (the API's `canShare`, else a manager's role). */
export function canManageAccess(meta) {
  if (typeof meta?.canShare === 'boolean') return meta.canShare;
  return meta?.role === 'manager';
}
