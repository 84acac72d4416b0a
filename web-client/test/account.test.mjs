import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { colorForName } from '../src/presence/colors.js';
import { affiliationOf, signedInUser } from '../src/user/account.js';
import { buildPresenceValue } from '../src/presence/presence-value.js';

describe('the signed-in account', () => {
  const account = { username: 'aino', displayName: '  Aino  Virtanen ', organisation: 'SYKE', country: 'Finland', admin: true };

  it('gives the presence name and cursor colour from the display name', () => {
    const user = signedInUser(account);
    assert.deepEqual(user, { username: 'aino', name: 'Aino Virtanen', color: colorForName('Aino Virtanen'), admin: true,
      organisation: 'SYKE', country: 'Finland' });
    assert.deepEqual(buildPresenceValue(null, user), { index: 0, length: 0, name: 'Aino Virtanen', color: user.color });
  });

  it('falls back to the username without a display name, and is no admin unless told so', () => {
    const user = signedInUser({ username: 'ben', displayName: ' ', admin: 'yes' });
    assert.equal(user.name, 'ben');
    assert.equal(user.admin, false);
    assert.equal(user.organisation, '');
  });

  it('names organisation and country together, either alone, or nothing', () => {
    assert.equal(affiliationOf(account), 'SYKE, Finland');
    assert.equal(affiliationOf({ organisation: 'SYKE' }), 'SYKE');
    assert.equal(affiliationOf({ country: ' Estonia ' }), 'Estonia');
    assert.equal(affiliationOf({ organisation: '', country: null }), '');
  });
});
