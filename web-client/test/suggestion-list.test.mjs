/**
 * The side list's model (suggestion-list.js): suggestions read from the document, one per id and kind,
 * in document order; who may accept, reject or withdraw which; the bulk decisions; the excerpts. And
 * the suggestion values themselves (suggestion-value.js).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bulkDecisions, collectSuggestions, decisionsFor, excerptOf } from '../src/suggestions/suggestion-list.js';
import {
  decodeSuggestionValue, encodeSuggestionValue, isOwnSuggestion, isSuggestionValue, newSuggestionValue, randomSuggestionId,
} from '../src/suggestions/suggestion-value.js';

const mark = (author, name, id, at = 1_764_300_000_000) => ({ id, author, name, at });
const RITA = (id) => mark('rita', 'Rita', id);
const BEN = (id) => mark('ben', 'Ben', id);

describe('the suggestions of a document', () => {
  it('finds insertions and deletions with their text, position and author, in document order', () => {
    const data = { ops: [
      { insert: 'The ' },
      { insert: 'quick ', attributes: { suggestDelete: BEN('b1') } },
      { insert: 'brown fox' },
      { insert: ' jumps', attributes: { suggestInsert: RITA('r1') } },
      { insert: '\n' },
    ] };
    assert.deepEqual(collectSuggestions(data), [
      { key: 'delete:b1', id: 'b1', kind: 'delete', author: 'ben', name: 'Ben', at: 1_764_300_000_000, index: 4, length: 6, text: 'quick ' },
      { key: 'insert:r1', id: 'r1', kind: 'insert', author: 'rita', name: 'Rita', at: 1_764_300_000_000, index: 19, length: 6, text: ' jumps' },
    ]);
  });

  it('groups the pieces of one suggestion, also split by formats or by other text', () => {
    const data = { ops: [
      { insert: 'ab', attributes: { suggestInsert: RITA('r1') } },
      { insert: 'cd', attributes: { suggestInsert: RITA('r1'), bold: true } },
      { insert: 'XY' },
      { insert: 'ef', attributes: { suggestInsert: RITA('r1') } },
      { insert: '\n' },
    ] };
    const [only, ...rest] = collectSuggestions(data);
    assert.deepEqual(rest, []);
    assert.deepEqual([only.index, only.length, only.text], [0, 8, 'abcdef'], 'spans from first to last, its own text only');
  });

  it('lists text both inserted (by one) and proposed for deletion (by another) twice, the deletion first', () => {
    const data = { ops: [{ insert: 'new', attributes: { suggestInsert: RITA('r1'), suggestDelete: BEN('b1') } }, { insert: '\n' }] };
    assert.deepEqual(collectSuggestions(data).map((s) => s.key), ['delete:b1', 'insert:r1']);
  });

  it('counts embeds as one character and ignores marks that are not suggestions', () => {
    const data = { ops: [
      { insert: { image: 'x' } },
      { insert: 'a', attributes: { suggestInsert: { id: 'no author' } } },
      { insert: 'b', attributes: { suggestDelete: 'yes' } },
      { insert: 'c', attributes: { suggestInsert: BEN('b1') } },
      { insert: '\n' },
    ] };
    assert.deepEqual(collectSuggestions(data).map((s) => [s.id, s.index]), [['b1', 3]]);
    assert.deepEqual(collectSuggestions(null), []);
  });
});

describe('who decides', () => {
  const ritas = { author: 'rita' };
  it('lets editors and managers accept and reject anyone\'s, their own too', () => {
    for (const role of ['editor', 'manager']) {
      assert.deepEqual(decisionsFor(ritas, { me: 'eero', role }), { accept: true, reject: true, withdraw: false });
      assert.deepEqual(decisionsFor(ritas, { me: 'rita', role }), { accept: true, reject: true, withdraw: false });
    }
  });

  it('lets a reviewer withdraw their own, and nothing else', () => {
    assert.deepEqual(decisionsFor(ritas, { me: 'rita', role: 'reviewer' }), { accept: false, reject: false, withdraw: true });
    assert.deepEqual(decisionsFor(ritas, { me: 'ben', role: 'reviewer' }), { accept: false, reject: false, withdraw: false });
    assert.deepEqual(decisionsFor(ritas, { me: 'ben', role: 'viewer' }), { accept: false, reject: false, withdraw: false });
    assert.deepEqual(decisionsFor(ritas, { me: null, role: null }), { accept: false, reject: false, withdraw: false });
  });

  it('offers editors and managers all at once and each author\'s, by name', () => {
    const suggestions = [{ author: 'rita', name: 'Rita' }, { author: 'ben', name: 'Ben' }, { author: 'rita', name: 'Rita' }];
    assert.deepEqual(bulkDecisions(suggestions, { role: 'editor', collator: new Intl.Collator('en') }), {
      count: 3,
      authors: [{ author: 'ben', name: 'Ben', count: 1 }, { author: 'rita', name: 'Rita', count: 2 }],
    });
    assert.equal(bulkDecisions(suggestions, { role: 'reviewer' }), null);
    assert.equal(bulkDecisions([], { role: 'manager' }), null, 'nothing to decide');
  });
});

describe('excerpts', () => {
  it('shows line breaks, joins spaces and shortens long text on a code point', () => {
    assert.equal(excerptOf('One\nTwo'), 'One ¶ Two');
    assert.equal(excerptOf('\n'), '¶');
    assert.equal(excerptOf('  a   b  '), 'a b');
    assert.equal(excerptOf(' ', { blank: '(space)' }), '(space)');
    assert.equal(excerptOf('abcdefghij', { max: 5 }), 'abcd…');
    assert.equal(excerptOf('ab🙂🙂🙂', { max: 4 }), 'ab🙂…');
  });
});

describe('suggestion values', () => {
  it('are {id, author, name, at} with an id of at most 64 characters', () => {
    assert.equal(isSuggestionValue(RITA('r1')), true);
    assert.equal(isSuggestionValue({ ...RITA('r1'), id: 'x'.repeat(64) }), true);
    assert.equal(isSuggestionValue({ ...RITA('r1'), id: 'x'.repeat(65) }), false);
    assert.equal(isSuggestionValue({ ...RITA('r1'), at: 'yesterday' }), false);
    assert.equal(isSuggestionValue({ ...RITA('r1'), author: '' }), false);
    assert.equal(isSuggestionValue(null), false);
    assert.equal(isOwnSuggestion(RITA('r1'), 'rita'), true);
    assert.equal(isOwnSuggestion(RITA('r1'), 'ben'), false);
  });

  it('are made for the signed-in user with a random id', () => {
    const id = randomSuggestionId();
    assert.match(id, /^[0-9a-f]{24}$/);
    assert.notEqual(randomSuggestionId(), id);
    assert.deepEqual(newSuggestionValue({ author: { username: 'rita', name: 'Rita' }, id, at: 5 }), { id, author: 'rita', name: 'Rita', at: 5 });
    assert.equal(newSuggestionValue({ author: { username: 'rita', name: '' }, id, at: 5 }).name, 'rita');
  });

  it('round-trip through the editor\'s data attribute, one shared object per value', () => {
    const text = encodeSuggestionValue(RITA('r1'));
    assert.deepEqual(decodeSuggestionValue(text), RITA('r1'));
    assert.equal(decodeSuggestionValue(text), decodeSuggestionValue(text), 'the same object: Quill compares with ===');
    assert.equal(decodeSuggestionValue('not json'), undefined);
    assert.equal(decodeSuggestionValue('"a string"'), undefined);
    assert.equal(decodeSuggestionValue(null), undefined);
  });
});
