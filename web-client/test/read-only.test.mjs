import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isReadOnlyError, isReadOnlyMeta, shouldBeReadOnly } from '../src/realtime/read-only.js';

describe('read-only decision', () => {
  it('follows readOnly: true in the document metadata', () => {
    assert.equal(isReadOnlyMeta({ id: 'x', readOnly: true }), true);
    assert.equal(isReadOnlyMeta({ id: 'x', readOnly: false }), false);
    assert.equal(isReadOnlyMeta({ id: 'x' }), false);
    assert.equal(isReadOnlyMeta(null), false);
    assert.equal(isReadOnlyMeta({ readOnly: 'true' }), false, 'only the boolean counts');
  });

  it('follows a refused op with ERR_DOCUMENT_READ_ONLY, and no other refusal', () => {
    assert.equal(isReadOnlyError({ code: 'ERR_DOCUMENT_READ_ONLY', message: 'read-only' }), true);
    assert.equal(isReadOnlyError({ code: 'ERR_OP_SUBMIT_REJECTED' }), false);
    assert.equal(isReadOnlyError({ code: 'ERR_PENDING_OP_REMOVED_BY_OP_SUBMIT_REJECTED' }), false);
    assert.equal(isReadOnlyError(undefined), false);
  });

  it('combines both', () => {
    assert.equal(shouldBeReadOnly({ meta: { readOnly: false } }), false);
    assert.equal(shouldBeReadOnly({ meta: { readOnly: true } }), true);
    assert.equal(shouldBeReadOnly({ meta: { readOnly: false }, error: { code: 'ERR_DOCUMENT_READ_ONLY' } }), true);
    assert.equal(shouldBeReadOnly(), false);
  });
});
