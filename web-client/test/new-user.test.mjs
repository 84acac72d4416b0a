import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readNewUser } from '../src/users/new-user.js';

const GOOD = { username: 'aino.v-1_x', password: 'ten chars!', displayName: ' Aino ', organisation: ' SYKE ', country: '', email: '' };

describe('new user form', () => {
  it('sends what was typed, trimmed, without empty optional fields', () => {
    const { user, errors } = readNewUser({ ...GOOD, admin: true });
    assert.deepEqual(errors, {});
    assert.deepEqual(user, { username: 'aino.v-1_x', password: 'ten chars!', displayName: 'Aino', organisation: 'SYKE', admin: true });
  });

  it('checks the username as the server does', () => {
    for (const username of ['a', '1abc', 'x'.repeat(64)]) assert.deepEqual(readNewUser({ ...GOOD, username }).errors, {}, username);
    for (const username of ['', 'Aino', '.aino', '-a', 'ai no', 'äino', 'x'.repeat(65)]) {
      assert.ok(readNewUser({ ...GOOD, username }).errors.username, username);
    }
  });

  it('wants a password of 10 to 1024 characters, kept as typed', () => {
    assert.ok(readNewUser({ ...GOOD, password: 'nine char' }).errors.password);
    assert.ok(readNewUser({ ...GOOD, password: 'x'.repeat(1025) }).errors.password);
    assert.equal(readNewUser({ ...GOOD, password: ' spaces in ' }).user.password, ' spaces in ');
    assert.match(readNewUser({ ...GOOD, password: '' }).errors.password, /at least 10 characters/);
  });

  it('wants a display name of 1 to 100 characters and a plausible email if any', () => {
    assert.ok(readNewUser({ ...GOOD, displayName: '   ' }).errors.displayName);
    assert.ok(readNewUser({ ...GOOD, displayName: 'x'.repeat(101) }).errors.displayName);
    assert.ok(readNewUser({ ...GOOD, email: 'aino' }).errors.email);
    assert.equal(readNewUser({ ...GOOD, email: ' aino@syke.fi ' }).user.email, 'aino@syke.fi');
  });
});
