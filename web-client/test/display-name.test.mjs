import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DISPLAY_NAME_KEY, loadDisplayName, normalizeDisplayName, saveDisplayName } from '../src/user/display-name.js';

function memoryStorage() {
  const map = new Map();
  return { getItem: (k) => (map.has(k) ? map.get(k) : null), setItem: (k, v) => map.set(k, String(v)), map };
}

describe('display name', () => {
  it('is trimmed, with inner whitespace and control characters collapsed, at most 60 characters', () => {
    assert.equal(normalizeDisplayName('  Aino \t Virtanen\n'), 'Aino Virtanen');
    assert.equal(normalizeDisplayName('Ai\u0000no\u200b'), 'Ai no');
    assert.equal(normalizeDisplayName('🙂'.repeat(70)), '🙂'.repeat(60));
    assert.equal(normalizeDisplayName(null), '');
  });

  it('is asked once: null until saved, then loaded from storage', () => {
    const storage = memoryStorage();
    assert.equal(loadDisplayName(storage), null);
    assert.equal(saveDisplayName(storage, ' Aino '), 'Aino');
    assert.equal(storage.map.get(DISPLAY_NAME_KEY), 'Aino');
    assert.equal(loadDisplayName(storage), 'Aino');
  });

  it('does not store an empty name', () => {
    const storage = memoryStorage();
    assert.equal(saveDisplayName(storage, '   '), '');
    assert.equal(storage.map.size, 0);
  });

  it('survives storage that throws (disabled, full)', () => {
    const broken = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('full'); } };
    assert.equal(loadDisplayName(broken), null);
    assert.equal(saveDisplayName(broken, 'Ben'), 'Ben');
  });
});
