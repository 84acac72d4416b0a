import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_ROLE, ROLES, canManageAccess, isReadOnlyRole, roleLabel } from '../src/access/roles.js';
import { isReadOnlyMeta } from '../src/realtime/read-only.js';

describe('roles', () => {
  it('are the four of the API, from most to least rights, with names for people', () => {
    assert.deepEqual(ROLES, ['manager', 'editor', 'reviewer', 'viewer']);
    assert.deepEqual(ROLES.map(roleLabel), ['Manager', 'Editor', 'Reviewer', 'Viewer']);
    assert.ok(ROLES.includes(DEFAULT_ROLE));
  });

  it('shows an unknown role as the server spells it, and no role as such', () => {
    assert.equal(roleLabel('commenter'), 'commenter');
    assert.equal(roleLabel(undefined), 'No role');
  });

  it('lets reviewers and viewers read only', () => {
    assert.deepEqual(ROLES.filter(isReadOnlyRole), ['reviewer', 'viewer']);
  });

  it('lets managers (and whoever the API says may share) change access', () => {
    assert.equal(canManageAccess({ role: 'manager' }), true);
    assert.equal(canManageAccess({ role: 'editor' }), false);
    assert.equal(canManageAccess({ role: 'editor', canShare: true }), true, 'an administrator');
    assert.equal(canManageAccess({ role: 'manager', canShare: false }), false, 'the API decides');
    assert.equal(canManageAccess(null), false);
  });
});

describe('role → read-only', () => {
  it('takes the API\'s readOnly when it is given', () => {
    assert.equal(isReadOnlyMeta({ role: 'viewer', readOnly: true }), true);
    assert.equal(isReadOnlyMeta({ role: 'editor', readOnly: false }), false);
    assert.equal(isReadOnlyMeta({ role: 'reviewer', readOnly: false }), false, 'the server knows better (suggesting, later)');
  });

  it('falls back to the role without it', () => {
    assert.deepEqual(ROLES.map((role) => isReadOnlyMeta({ role })), [false, false, true, true]);
    assert.equal(isReadOnlyMeta({}), false);
  });
});
