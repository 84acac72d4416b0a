import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readNewPassword, readNewUser, readUserChanges, refusedField } from '../src/users/new-user.js';
import { ApiError } from '../src/api/http.js';

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

  it('wants at most 100 characters of organisation and country, and 254 of email, as the server', () => {
    assert.deepEqual(readNewUser({ ...GOOD, organisation: 'o'.repeat(100), country: ` ${'c'.repeat(100)} ` }).errors, {});
    assert.match(readNewUser({ ...GOOD, organisation: 'o'.repeat(101) }).errors.organisation, /at most 100 characters/);
    assert.ok(readNewUser({ ...GOOD, country: 'c'.repeat(101) }).errors.country);
    assert.deepEqual(readNewUser({ ...GOOD, email: `${'a'.repeat(240)}@example.org` }).errors, {});
    assert.ok(readNewUser({ ...GOOD, email: `${'a'.repeat(243)}@example.org` }).errors.email);
  });
});

const PIA = { username: 'pia', displayName: 'Pia Nyström', organisation: 'Havs- och vattenmyndigheten', country: 'Sweden',
  email: 'pia@havochvatten.se', admin: false, disabled: false };
const AS_LISTED = { displayName: PIA.displayName, organisation: PIA.organisation, country: PIA.country, email: PIA.email };

describe('edit user dialog', () => {
  it('sends only the fields that changed, trimmed', () => {
    assert.deepEqual(readUserChanges(AS_LISTED, PIA), { changes: {}, errors: {} });
    assert.deepEqual(readUserChanges({ ...AS_LISTED, organisation: '  SwAM ', displayName: ' Pia Nyström ' }, PIA),
      { changes: { organisation: 'SwAM' }, errors: {} });
  });

  it('clears an optional field with an empty text, and fills one the account did not have', () => {
    assert.deepEqual(readUserChanges({ ...AS_LISTED, country: ' ', email: '' }, PIA).changes, { country: '', email: '' });
    assert.deepEqual(readUserChanges({ ...AS_LISTED, organisation: 'SwAM' }, { ...PIA, organisation: undefined }).changes,
      { organisation: 'SwAM' });
  });

  it('applies the new user form\'s rules to what changed', () => {
    assert.match(readUserChanges({ ...AS_LISTED, displayName: '  ' }, PIA).errors.displayName, /1 to 100 characters/);
    assert.ok(readUserChanges({ ...AS_LISTED, email: 'pia at havochvatten' }, PIA).errors.email);
    assert.ok(readUserChanges({ ...AS_LISTED, country: 'x'.repeat(101) }, PIA).errors.country);
  });

  it('does not ask to fix a value the account already had, since it is not sent', () => {
    const legacy = { ...PIA, email: 'pia' };
    const { changes, errors } = readUserChanges({ ...AS_LISTED, email: 'pia', organisation: 'SwAM' }, legacy);
    assert.deepEqual([changes, errors], [{ organisation: 'SwAM' }, {}]);
  });
});

describe('reset password dialog', () => {
  it('sends the password as typed, once it has 10 to 1024 characters', () => {
    assert.deepEqual(readNewPassword(' ten chars '), { changes: { password: ' ten chars ' }, errors: {} });
    assert.match(readNewPassword('nine char').errors.password, /at least 10 characters/);
    assert.ok(readNewPassword('x'.repeat(1025)).errors.password);
    assert.ok(readNewPassword(undefined).errors.password);
  });
});

describe('a refusal from the server', () => {
  const badRequest = new ApiError({ code: 'ERR_BAD_REQUEST', status: 400, message: 'email must look like name@example.org' });

  it('is shown at the field when only that field was sent', () => {
    assert.equal(refusedField(badRequest, { email: 'x@y' }), 'email');
    assert.equal(refusedField(badRequest, { password: 'long enough password' }), 'password');
  });

  it('is shown for the whole dialog when it could be about several fields, or is not about a value', () => {
    assert.equal(refusedField(badRequest, { email: 'x@y', country: 'Sweden' }), null);
    assert.equal(refusedField(new ApiError({ code: 'ERR_USER_NOT_FOUND', status: 404 }), { email: 'x@y' }), null);
    assert.equal(refusedField(new ApiError({ code: 'ERR_NETWORK', status: 0 }), { password: 'long enough password' }), null);
  });
});
