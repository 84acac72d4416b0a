import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_ROLE, ROLES, canManageAccess, isReadOnlyRole, mayDecideSuggestions, maySwitchToSuggesting, mustSuggest, roleLabel,
} from '../src/access/roles.js';
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

  it('lets viewers read only, and reviewers suggest changes only', () => {
    assert.deepEqual(ROLES.filter(isReadOnlyRole), ['viewer']);
    assert.deepEqual(ROLES.filter(mustSuggest), ['reviewer']);
  });

  it('lets managers and editors switch to suggesting, and accept or reject suggestions', () => {
    assert.deepEqual(ROLES.filter(maySwitchToSuggesting), ['manager', 'editor']);
    assert.deepEqual(ROLES.filter(mayDecideSuggestions), ['manager', 'editor']);
    assert.equal(mayDecideSuggestions(undefined), false);
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
    assert.equal(isReadOnlyMeta({ role: 'viewer', readOnly: false }), false, 'the server knows better');
  });

  it('never makes a reviewer read-only: their readOnly means "no direct changes", and they suggest', () => {
    assert.equal(isReadOnlyMeta({ role: 'reviewer', readOnly: true }), false);
    assert.equal(isReadOnlyMeta({ role: 'reviewer', readOnly: false }), false);
  });

  it('falls back to the role without it', () => {
    assert.deepEqual(ROLES.map((role) => isReadOnlyMeta({ role })), [false, false, false, true]);
    assert.equal(isReadOnlyMeta({}), false);
  });
});
