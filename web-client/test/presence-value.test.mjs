import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { colorForName } from '../src/presence/colors.js';
import { peopleHere } from '../src/presence/people.js';
import { MAX_NAME_LENGTH, buildPresenceValue, clampRange, normalizeName, readPresenceValue } from '../src/presence/presence-value.js';

describe('presence value', () => {
  const aino = { name: 'Aino', color: '#a1b2c3' };

  it('is {index, length, name, color} for a selection', () => {
    assert.deepEqual(buildPresenceValue({ index: 5, length: 3 }, aino), { index: 5, length: 3, name: 'Aino', color: '#a1b2c3' });
  });

  it('is index 0 length 0 without a selection, so we stay in the document', () => {
    assert.deepEqual(buildPresenceValue(null, aino), { index: 0, length: 0, name: 'Aino', color: '#a1b2c3' });
  });

  it('falls back to the colour of the name when ours is unusable', () => {
    assert.equal(buildPresenceValue({ index: 1, length: 0 }, { name: 'Ben', color: 'red' }).color, colorForName('Ben'));
  });

  it('reads another client\'s value: index, length and name (colours are assigned here)', () => {
    assert.deepEqual(readPresenceValue({ index: 2, length: 4, name: 'Ben', color: '#112233', extra: true }),
      { index: 2, length: 4, name: 'Ben' });
  });

  it('rejects what is not a usable range', () => {
    for (const bad of [null, 'x', {}, { index: -1 }, { index: 1.5 }, { index: '3' }]) {
      assert.equal(readPresenceValue(bad), null, JSON.stringify(bad));
    }
  });

  it('repairs the fields around a usable range', () => {
    assert.deepEqual(readPresenceValue({ index: 3, length: -2, name: '  Ben\n\u0000 ', color: 'javascript:x' }),
      { index: 3, length: 0, name: 'Ben' });
    assert.equal(readPresenceValue({ index: 0 }).name, 'Anonymous');
    assert.equal(readPresenceValue({ index: 0, name: 'x'.repeat(500) }).name.length, MAX_NAME_LENGTH);
  });

  it('cleans a name: trimmed, whitespace and control characters collapsed, at most 100 characters', () => {
    assert.equal(MAX_NAME_LENGTH, 100, 'as long as the server allows a display name to be');
    assert.equal(normalizeName('  Aino \t Virtanen\n'), 'Aino Virtanen');
    assert.equal(normalizeName('Ai\u0000no\u200b'), 'Ai no');
    assert.equal(normalizeName('🙂'.repeat(120)), '🙂'.repeat(100));
    assert.equal(normalizeName(null), '');
  });

  it('clamps a remote range into our copy of the document', () => {
    assert.deepEqual(clampRange({ index: 50, length: 5 }, 11), { index: 10, length: 0 });
    assert.deepEqual(clampRange({ index: 8, length: 5 }, 11), { index: 8, length: 2 });
    assert.deepEqual(clampRange({ index: 0, length: 0 }, 1), { index: 0, length: 0 });
  });
});

describe('people in the document', () => {
  it('lists me first, then the others once per name, sorted', () => {
    const people = peopleHere({
      me: { name: 'Ieva' },
      others: [{ name: 'Ben' }, { name: 'Aino' }, { name: 'Ben' }, { name: 'Ieva' }],
    });
    assert.deepEqual(people.map(({ name, isMe }) => [name, isMe]), [['Ieva', true], ['Aino', false], ['Ben', false]]);
  });

  it('gives everyone a different colour, mine being the colour of my name', () => {
    const others = ['Ben', 'Chiara', 'Dagný', 'Eero', 'Fatima', 'Gints'].map((name) => ({ name }));
    const people = peopleHere({ me: { name: 'Aino' }, others });
    assert.equal(people[0].color, colorForName('Aino'));
    assert.equal(new Set(people.map((person) => person.color)).size, people.length);
  });
});
