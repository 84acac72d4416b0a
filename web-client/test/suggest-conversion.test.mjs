/**
 * The conversion of a user's edit into the op that is sent (suggest-conversion.js): in suggesting mode
 * insertions become suggested insertions, deletions become deletion marks (except of one's own
 * suggestion), formatting is left out; editing directly, suggestion attributes never travel. Every case
 * also checks the promise the editor relies on: the document on screen after the correction is the
 * document the server gets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Delta from 'quill-delta';
import { convertUserChange } from '../src/suggestions/suggest-conversion.js';
import { DELETE_KEY, INSERT_KEY, isSuggestionValue } from '../src/suggestions/suggestion-value.js';

const AINO = { username: 'aino', name: 'Aino' };
const BEN = { username: 'ben', name: 'Ben' };
const NOW = 1_764_300_000_000;

const mark = (person, id, at = NOW - 60_000) => ({ id, author: person.username, name: person.name, at });
const ins = (person, id) => ({ [INSERT_KEY]: mark(person, id) });
const del = (person, id) => ({ [DELETE_KEY]: mark(person, id) });

/** Ids s1, s2, ... in the order the conversion asks for them. */
function idSource() {
  let n = 0;
  return () => `s${++n}`;
}

/**
 * Converts `change` on `base` as `author`, and checks that the screen (base + change + correction) ends
 * as the server does (base + op).
 */
function convert(base, change, { author = AINO, suggesting = true } = {}) {
  const baseDelta = new Delta(base);
  const changeDelta = new Delta(change);
  const result = convertUserChange({ change: changeDelta, base: baseDelta, author, suggesting, newId: idSource(), now: NOW });
  const onScreen = baseDelta.compose(changeDelta).compose(new Delta(result.correction.ops));
  const sent = baseDelta.compose(new Delta(result.op.ops));
  assert.deepEqual(onScreen.ops, sent.ops, 'the editor shows what is sent');
  return { op: result.op.ops, correction: result.correction.ops, formattingRefused: result.formattingRefused, after: sent.ops };
}

const newMark = (id, person = AINO) => ({ id, author: person.username, name: person.name, at: NOW });

describe('suggesting: typing and pasting', () => {
  it('turns typed text into a suggested insertion with a new id', () => {
    const { op, correction, after } = convert([{ insert: 'Hello world\n' }], [{ retain: 5 }, { insert: ',' }]);
    assert.deepEqual(op, [{ retain: 5 }, { insert: ',', attributes: { [INSERT_KEY]: newMark('s1') } }]);
    assert.deepEqual(correction, [{ retain: 5 }, { retain: 1, attributes: { [INSERT_KEY]: newMark('s1') } }]);
    assert.deepEqual(after, [{ insert: 'Hello' }, { insert: ',', attributes: { [INSERT_KEY]: newMark('s1') } }, { insert: ' world\n' }]);
  });

  it('extends the user\'s own suggestion when typing inside it, with nothing to correct', () => {
    const own = ins(AINO, 'a1');
    const { op, correction } = convert([{ insert: 'Hello' }, { insert: ' big', attributes: own }, { insert: ' world\n' }],
      [{ retain: 9 }, { insert: 'ger', attributes: own }]);
    assert.deepEqual(op, [{ retain: 9 }, { insert: 'ger', attributes: own }]);
    assert.deepEqual(correction, []);
  });

  it('extends the user\'s own suggestion typed just after it, though the editor gave the text no mark', () => {
    const own = ins(AINO, 'a1');
    const { op, correction } = convert([{ insert: 'Hello' }, { insert: ' big', attributes: own }, { insert: ' world\n' }],
      [{ retain: 9 }, { insert: '!' }]);
    assert.deepEqual(op, [{ retain: 9 }, { insert: '!', attributes: own }]);
    assert.deepEqual(correction, [{ retain: 9 }, { retain: 1, attributes: own }]);
  });

  it('extends the user\'s own suggestion typed just before it', () => {
    const own = ins(AINO, 'a1');
    const { op } = convert([{ insert: 'Hello' }, { insert: 'big ', attributes: own }, { insert: 'world\n' }],
      [{ retain: 5 }, { insert: ' ' }]);
    assert.deepEqual(op, [{ retain: 5 }, { insert: ' ', attributes: own }]);
  });

  it('starts a new suggestion beside someone else\'s, and never reuses theirs', () => {
    const bens = ins(BEN, 'b1');
    const { op, after } = convert([{ insert: 'Hello' }, { insert: ' big', attributes: bens }, { insert: '\n' }],
      [{ retain: 9 }, { insert: 'ger', attributes: bens }]);
    assert.deepEqual(op, [{ retain: 9 }, { insert: 'ger', attributes: { [INSERT_KEY]: newMark('s1') } }]);
    assert.equal(after[1].attributes[INSERT_KEY].author, 'ben');
    assert.equal(after[2].attributes[INSERT_KEY].author, 'aino');
  });

  it('keeps the formats of pasted text, gives all of it one suggestion, and drops others\' marks', () => {
    const { op } = convert([{ insert: 'Intro\n' }], [
      { retain: 5 },
      { insert: 'Bold', attributes: { bold: true, ...ins(BEN, 'b1') } },
      { insert: ' link', attributes: { link: 'https://example.org/', ...del(BEN, 'b2') } },
      { insert: ' plain' },
    ]);
    const s1 = newMark('s1');
    assert.deepEqual(op, [
      { retain: 5 },
      { insert: 'Bold', attributes: { bold: true, [INSERT_KEY]: s1 } },
      { insert: ' link', attributes: { link: 'https://example.org/', [INSERT_KEY]: s1 } },
      { insert: ' plain', attributes: { [INSERT_KEY]: s1 } },
    ]);
  });

  it('makes text typed into a deletion mark an insertion, not part of the deletion', () => {
    const bens = del(BEN, 'b1');
    const { op, correction } = convert([{ insert: 'one ' }, { insert: 'two', attributes: bens }, { insert: '\n' }],
      [{ retain: 5 }, { insert: 'X', attributes: bens }]);
    assert.deepEqual(op, [{ retain: 5 }, { insert: 'X', attributes: { [INSERT_KEY]: newMark('s1') } }]);
    assert.deepEqual(correction, [{ retain: 5 }, { retain: 1, attributes: { [DELETE_KEY]: null, [INSERT_KEY]: newMark('s1') } }]);
  });

  it('inserts a line break as a suggestion too, keeping the line\'s format', () => {
    const { op } = convert([{ insert: 'Item' }, { insert: '\n', attributes: { list: 'bullet' } }],
      [{ retain: 4 }, { insert: '\n', attributes: { list: 'bullet' } }]);
    assert.deepEqual(op, [{ retain: 4 }, { insert: '\n', attributes: { list: 'bullet', [INSERT_KEY]: newMark('s1') } }]);
  });
});

describe('suggesting: deleting', () => {
  it('marks text deleted with Backspace instead of removing it, and shows it again', () => {
    const { op, correction, after } = convert([{ insert: 'Hello world\n' }], [{ retain: 10 }, { delete: 1 }]);
    assert.deepEqual(op, [{ retain: 10 }, { retain: 1, attributes: { [DELETE_KEY]: newMark('s1') } }]);
    assert.deepEqual(correction, [{ retain: 10 }, { insert: 'd', attributes: { [DELETE_KEY]: newMark('s1') } }]);
    assert.equal(after.map((o) => o.insert).join(''), 'Hello world\n', 'nothing is removed');
  });

  it('grows the user\'s deletion with each Backspace (the mark is after) and each Delete (before)', () => {
    const own = del(AINO, 'a1');
    const backspace = convert([{ insert: 'Hello wor' }, { insert: 'ld', attributes: own }, { insert: '\n' }],
      [{ retain: 8 }, { delete: 1 }]);
    assert.deepEqual(backspace.op, [{ retain: 8 }, { retain: 1, attributes: own }]);
    const forward = convert([{ insert: 'Hello ' }, { insert: 'wo', attributes: own }, { insert: 'rld\n' }],
      [{ retain: 8 }, { delete: 1 }]);
    assert.deepEqual(forward.op, [{ retain: 8 }, { retain: 1, attributes: own }]);
  });

  it('does not join someone else\'s deletion', () => {
    const { op } = convert([{ insert: 'Hello wor' }, { insert: 'ld', attributes: del(BEN, 'b1') }, { insert: '\n' }],
      [{ retain: 8 }, { delete: 1 }]);
    assert.deepEqual(op, [{ retain: 8 }, { retain: 1, attributes: { [DELETE_KEY]: newMark('s1') } }]);
  });

  it('really deletes the user\'s own suggested insertion (withdrawing part of it)', () => {
    const own = ins(AINO, 'a1');
    const { op, correction } = convert([{ insert: 'Hello' }, { insert: ' big', attributes: own }, { insert: '\n' }],
      [{ retain: 8 }, { delete: 1 }]);
    assert.deepEqual(op, [{ retain: 8 }, { delete: 1 }]);
    assert.deepEqual(correction, []);
  });

  it('marks someone else\'s suggested insertion for deletion instead', () => {
    const bens = ins(BEN, 'b1');
    const { op, after } = convert([{ insert: 'Hello' }, { insert: ' big', attributes: bens }, { insert: '\n' }],
      [{ retain: 5 }, { delete: 4 }]);
    assert.deepEqual(op, [{ retain: 5 }, { retain: 4, attributes: { [DELETE_KEY]: newMark('s1') } }]);
    assert.deepEqual(after[1].attributes, { ...bens, [DELETE_KEY]: newMark('s1') });
  });

  it('leaves text already marked for deletion as it is', () => {
    const bens = del(BEN, 'b1');
    const { op, correction } = convert([{ insert: 'Hello' }, { insert: ' big', attributes: bens }, { insert: '\n' }],
      [{ retain: 5 }, { delete: 4 }]);
    assert.deepEqual(op, []);
    assert.deepEqual(correction, [{ retain: 5 }, { insert: ' big', attributes: bens }]);
  });

  it('handles a selection spanning plain text, the user\'s own insertion and a marked deletion', () => {
    const own = ins(AINO, 'a1');
    const bens = del(BEN, 'b1');
    const base = [{ insert: 'ab' }, { insert: 'cd', attributes: own }, { insert: 'ef', attributes: bens },
      { insert: 'gh', attributes: { bold: true } }, { insert: '\n' }];
    const { op, after } = convert(base, [{ retain: 1 }, { delete: 6 }]);
    const s1 = { [DELETE_KEY]: newMark('s1') };
    const s2 = { [DELETE_KEY]: newMark('s2') };
    assert.deepEqual(op, [
      { retain: 1 }, { retain: 1, attributes: s1 }, // b
      { delete: 2 }, // cd, the user's own
      { retain: 2 }, // ef, already marked
      { retain: 1, attributes: s2 }, // g: not next to b, so a deletion of its own
    ]);
    assert.deepEqual(after, [
      { insert: 'a' }, { insert: 'b', attributes: s1 }, { insert: 'ef', attributes: bens },
      { insert: 'g', attributes: { bold: true, ...s2 } }, { insert: 'h', attributes: { bold: true } }, { insert: '\n' },
    ]);
  });

  it('marks a deleted line break (joining two paragraphs) for deletion too', () => {
    const { op } = convert([{ insert: 'One\nTwo\n' }], [{ retain: 3 }, { delete: 1 }]);
    assert.deepEqual(op, [{ retain: 3 }, { retain: 1, attributes: { [DELETE_KEY]: newMark('s1') } }]);
  });
});

describe('suggesting: replacing', () => {
  it('typing over a selection suggests the new text and marks the old', () => {
    const { op, after } = convert([{ insert: 'The cat sat\n' }], [{ retain: 4 }, { insert: 'dog' }, { delete: 3 }]);
    assert.deepEqual(op, [
      { retain: 4 },
      { insert: 'dog', attributes: { [INSERT_KEY]: newMark('s1') } },
      { retain: 3, attributes: { [DELETE_KEY]: newMark('s2') } },
    ]);
    assert.equal(after.map((o) => o.insert).join(''), 'The dogcat sat\n');
  });

  it('an input method rewriting the user\'s own word changes only what differs', () => {
    const own = ins(AINO, 'a1');
    const { op } = convert([{ insert: 'Say ' }, { insert: 'helo', attributes: own }, { insert: '\n' }],
      [{ retain: 4 }, { insert: 'hello', attributes: own }, { delete: 4 }]);
    assert.deepEqual(op, [{ retain: 7 }, { insert: 'l', attributes: own }]);
  });

  it('an input method replacing a word of the document keeps the common letters', () => {
    const { op } = convert([{ insert: 'Say helo\n' }], [{ retain: 4 }, { insert: 'hello' }, { delete: 4 }]);
    assert.deepEqual(op, [{ retain: 7 }, { insert: 'l', attributes: { [INSERT_KEY]: newMark('s1') } }]);
  });

  it('an input method replacing a whole word of the document marks it and suggests the new one', () => {
    const { op } = convert([{ insert: 'a cat\n' }], [{ retain: 2 }, { insert: 'dog' }, { delete: 3 }]);
    assert.deepEqual(op, [
      { retain: 2 },
      { insert: 'dog', attributes: { [INSERT_KEY]: newMark('s1') } },
      { retain: 3, attributes: { [DELETE_KEY]: newMark('s2') } },
    ]);
  });

  it('undo of a deletion mark (the marked text deleted, the plain text inserted) takes the mark away', () => {
    const own = del(AINO, 'a1');
    const { op, correction } = convert([{ insert: 'ab' }, { insert: 'cd', attributes: own }, { insert: '\n' }],
      [{ retain: 2 }, { insert: 'cd' }, { delete: 2 }]);
    assert.deepEqual(op, [{ retain: 2 }, { retain: 2, attributes: { [DELETE_KEY]: null } }]);
    assert.deepEqual(correction, []);
  });

  it('redo of a deletion mark puts it back', () => {
    const own = del(AINO, 'a1');
    const { op } = convert([{ insert: 'abcd\n' }], [{ retain: 2 }, { insert: 'cd', attributes: own }, { delete: 2 }]);
    assert.deepEqual(op, [{ retain: 2 }, { retain: 2, attributes: own }]);
  });

  it('undo of typing over a selection deletes the new text and unmarks the old', () => {
    const s1 = ins(AINO, 'a1');
    const s2 = del(AINO, 'a2');
    const { op, after } = convert([{ insert: 'The ' }, { insert: 'dog', attributes: s1 }, { insert: 'cat', attributes: s2 },
      { insert: ' sat\n' }], [{ retain: 4 }, { insert: 'cat' }, { delete: 6 }]);
    assert.deepEqual(op, [{ retain: 4 }, { delete: 3 }, { retain: 3, attributes: { [DELETE_KEY]: null } }]);
    assert.deepEqual(after, [{ insert: 'The cat sat\n' }]);
  });
});

describe('suggesting: formatting', () => {
  it('leaves formatting out and undoes it on screen', () => {
    const { op, correction, formattingRefused } = convert([{ insert: 'plain ' }, { insert: 'bold', attributes: { bold: true } }, { insert: '\n' }],
      [{ retain: 2 }, { retain: 8, attributes: { bold: true } }]);
    assert.deepEqual(op, []);
    assert.deepEqual(correction, [{ retain: 2 }, { retain: 4, attributes: { bold: null } }]);
    assert.equal(formattingRefused, true);
  });

  it('leaves a line format out too, keeping the line as it was', () => {
    const { op, correction, formattingRefused } = convert([{ insert: 'Title' }, { insert: '\n', attributes: { header: 2 } }],
      [{ retain: 5 }, { retain: 1, attributes: { header: 1 } }]);
    assert.deepEqual(op, []);
    assert.deepEqual(correction, [{ retain: 5 }, { retain: 1, attributes: { header: 2 } }]);
    assert.equal(formattingRefused, true);
  });

  it('never removes or takes over someone else\'s suggestion by formatting', () => {
    const bens = del(BEN, 'b1');
    const { op, correction, formattingRefused } = convert([{ insert: 'ab', attributes: bens }, { insert: '\n' }],
      [{ retain: 2, attributes: { [DELETE_KEY]: null } }]);
    assert.deepEqual(op, []);
    assert.deepEqual(correction, [{ retain: 2, attributes: bens }]);
    assert.equal(formattingRefused, false, 'not formatting the user asked for: no message');
    const { op: takeOver } = convert([{ insert: 'ab', attributes: bens }, { insert: '\n' }],
      [{ retain: 2, attributes: del(AINO, 'a1') }]);
    assert.deepEqual(takeOver, []);
  });

  it('never lets existing text claim to be the user\'s insertion', () => {
    const { op } = convert([{ insert: 'ab\n' }], [{ retain: 2, attributes: ins(AINO, 'a1') }]);
    assert.deepEqual(op, []);
  });
});

describe('editing directly', () => {
  it('sends the user\'s delta itself when it carries no suggestion', () => {
    const change = new Delta([{ retain: 3 }, { insert: 'x', attributes: { bold: true } }, { delete: 2 }, { retain: 1, attributes: { italic: true } }]);
    const result = convertUserChange({ change, base: new Delta([{ insert: 'abcdefg\n' }]), author: AINO, suggesting: false });
    assert.deepEqual(result.op.ops, change.ops);
    assert.deepEqual(result.correction.ops, []);
  });

  it('strips anyone\'s suggestion marks from inserted text (typed into one, or pasted)', () => {
    const { op, correction } = convert([{ insert: 'ab', attributes: ins(BEN, 'b1') }, { insert: '\n' }],
      [{ retain: 1 }, { insert: 'xy', attributes: { italic: true, ...ins(BEN, 'b1'), ...del(AINO, 'a1') } }],
      { suggesting: false });
    assert.deepEqual(op, [{ retain: 1 }, { insert: 'xy', attributes: { italic: true } }]);
    assert.deepEqual(correction, [{ retain: 1 }, { retain: 2, attributes: { [INSERT_KEY]: null, [DELETE_KEY]: null } }]);
  });

  it('keeps "remove formatting" from dropping suggestions, but removes the rest', () => {
    const bens = ins(BEN, 'b1');
    const { op, correction } = convert([{ insert: 'ab', attributes: { bold: true, ...bens } }, { insert: 'cd', attributes: { bold: true } }, { insert: '\n' }],
      [{ retain: 4, attributes: { bold: null, [INSERT_KEY]: null, [DELETE_KEY]: null } }], { suggesting: false });
    assert.deepEqual(op, [{ retain: 4, attributes: { bold: null } }]);
    assert.deepEqual(correction, [{ retain: 2, attributes: { [INSERT_KEY]: bens[INSERT_KEY], [DELETE_KEY]: null } },
      { retain: 2, attributes: { [INSERT_KEY]: null, [DELETE_KEY]: null } }]);
  });

  it('really deletes, suggested text too', () => {
    const { op } = convert([{ insert: 'ab', attributes: ins(BEN, 'b1') }, { insert: 'cd\n' }], [{ delete: 3 }], { suggesting: false });
    assert.deepEqual(op, [{ delete: 3 }]);
  });
});

describe('suggesting: random edits', () => {
  /** A small seeded generator (mulberry32), so that a failure can be replayed. */
  function rng(seed) {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let x = Math.imul(state ^ (state >>> 15), 1 | state);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }

  function randomDocument(random) {
    const doc = new Delta();
    const marks = [{}, { bold: true }, ins(AINO, 'a1'), ins(BEN, 'b1'), del(AINO, 'a2'), del(BEN, 'b2'), { ...ins(BEN, 'b3'), ...del(AINO, 'a4') }];
    for (let i = 0; i < 6; i++) doc.insert('abcdefgh'.slice(0, 1 + Math.floor(random() * 5)), marks[Math.floor(random() * marks.length)]);
    return doc.insert('\n');
  }

  const pick = (random, list) => list[Math.floor(random() * list.length)];
  // What the editor may put on inserted text (typed into a mark, pasted, undone) and on existing text.
  const insertAttributes = [undefined, { bold: true }, ins(BEN, 'b9'), ins(AINO, 'a1'), del(AINO, 'a2'), del(BEN, 'b2')];
  const formats = [{ italic: true }, { [DELETE_KEY]: null }, del(AINO, 'a5'), del(BEN, 'b5'), { [INSERT_KEY]: null }, ins(AINO, 'a6')];

  function randomChange(random, length) {
    const change = new Delta();
    let at = 0;
    while (at < length - 1 && change.ops.length < 6) {
      const step = 1 + Math.floor(random() * Math.min(4, length - 1 - at));
      const kind = random();
      if (kind < 0.3) change.retain(step);
      else if (kind < 0.55) change.delete(step);
      else if (kind < 0.85) change.insert('XY'.slice(0, 1 + Math.floor(random() * 2)), pick(random, insertAttributes));
      else change.retain(step, pick(random, formats));
      if (kind < 0.55 || kind >= 0.85) at += step;
    }
    return change;
  }

  it('shows what it sends, never deletes or marks others\' text in their name, and never formats', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const random = rng(seed);
      const base = randomDocument(random);
      const change = randomChange(random, base.length());
      let result;
      try {
        result = convert(base.ops, change.ops);
      } catch (err) {
        err.message = `seed ${seed}: ${err.message}\nbase ${JSON.stringify(base.ops)}\nchange ${JSON.stringify(change.ops)}`;
        throw err;
      }
      // Everything removed for real was Aino's own suggested insertion.
      let at = 0;
      for (const op of result.op) {
        if (op.delete) {
          for (const piece of base.slice(at, at + op.delete).ops) {
            assert.equal(piece.attributes?.[INSERT_KEY]?.author, 'aino', `seed ${seed}: only Aino's own insertions are removed`);
          }
        }
        if (op.retain || op.delete) at += op.retain ?? op.delete;
      }
      for (const op of result.op) {
        const attributes = op.attributes ?? {};
        for (const key of [INSERT_KEY, DELETE_KEY]) {
          if (attributes[key]) assert.equal(attributes[key].author, 'aino', `seed ${seed}: marks carry Aino's name only`);
          if (attributes[key]) assert.ok(isSuggestionValue(attributes[key]));
        }
        if (op.retain) assert.ok(Object.keys(attributes).every((key) => key === DELETE_KEY), `seed ${seed}: no formatting`);
        if (op.insert !== undefined) assert.ok(attributes[INSERT_KEY], `seed ${seed}: every insert is a suggestion`);
      }
    }
  });
});
