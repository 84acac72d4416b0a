import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../src/api/http.js';
import { describeError, describeSignInError, isForbidden, isNotFound, minutesToWait } from '../src/api/error-messages.js';

describe('sign-in errors', () => {
  it('says what went wrong for each refusal', () => {
    assert.equal(describeSignInError(new ApiError({ code: 'ERR_UNAUTHENTICATED', status: 401 })), 'Wrong username or password.');
    assert.equal(describeSignInError(new ApiError({ code: 'ERR_ACCOUNT_DISABLED', status: 403 })),
      'This account is disabled. Ask an administrator to enable it again.');
    assert.equal(describeSignInError(new ApiError({ code: 'ERR_NETWORK', status: 0 })),
      'The server cannot be reached. Check your connection and try again.');
    assert.equal(describeSignInError(new ApiError({ code: 'ERR_STORE_UNAVAILABLE', status: 503 })),
      'Signing in did not work: the server answered with error 503.');
  });

  it('says how many minutes to wait after too many attempts, from Retry-After', () => {
    const throttled = (seconds) => new ApiError({ code: 'ERR_TOO_MANY_ATTEMPTS', status: 429, retryAfterSeconds: seconds });
    assert.equal(describeSignInError(throttled(840)), 'Too many attempts to sign in. Try again in 14 minutes.');
    assert.equal(describeSignInError(throttled(30)), 'Too many attempts to sign in. Try again in 1 minute.');
    assert.equal(describeSignInError(throttled(null)), 'Too many attempts to sign in. Try again in 1 minute.');
  });

  it('rounds the wait up to whole minutes, at least one', () => {
    assert.deepEqual([0, 1, 59, 60, 61, 900, -5, Number.NaN].map(minutesToWait), [1, 1, 1, 1, 2, 15, 1, 1]);
  });
});

describe('errors of accounts and sharing', () => {
  it('explains the new codes in words', () => {
    assert.equal(describeError({ code: 'ERR_FORBIDDEN', status: 403 }), 'you are not allowed to do this');
    assert.equal(describeError({ code: 'ERR_UNAUTHENTICATED', status: 401 }), 'you are signed out; sign in again');
    assert.equal(describeError({ code: 'ERR_LAST_MANAGER', status: 409 }),
      'a document needs at least one manager; make someone else manager first');
    assert.equal(describeError({ code: 'ERR_USER_NOT_FOUND', status: 404 }), 'there is no such user');
    assert.equal(describeError({ code: 'ERR_USER_EXISTS', status: 409 }), 'that username is taken; choose another');
    assert.equal(describeError({ code: 'ERR_NOT_FOUND', status: 404 }), 'it does not exist');
  });

  it('tells "not shared with you" apart from "does not exist", from the API and from ShareDB', () => {
    assert.equal(isForbidden({ code: 'ERR_FORBIDDEN', status: 403 }), true);
    assert.equal(isForbidden({ code: 'ERR_FORBIDDEN', message: 'not shared' }), true, 'a ShareDB error has no status');
    assert.equal(isForbidden({ code: 'ERR_DOCUMENT_READ_ONLY' }), false);
    assert.equal(isNotFound({ code: 'ERR_NOT_FOUND' }), true);
    assert.equal(isNotFound({ code: 'ERR_DOC_DOES_NOT_EXIST' }), true);
    assert.equal(isNotFound({ code: 'ERR_FORBIDDEN' }), false);
  });
});
