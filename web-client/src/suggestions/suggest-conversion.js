/**
 * Turns what the user did in the editor (Quill's delta, source 'user') into the op that is sent, and
 * tells what to change on screen so that the editor shows exactly that op. Pure: deltas in, deltas out.
 *
 * Suggesting (reviewers always; editors and managers when they switch it on):
 * - inserted text gets `suggestInsert` with the user's value; typing next to their own suggested
 *   insertion extends it (same value, so one run of typing is one suggestion);
 * - deleted text stays and gets `suggestDelete` (again extending an adjacent deletion of theirs),
 *   except the user's own suggested insertion, which is really deleted (withdrawing part of it), and
 *   text already marked for deletion, which stays as it is;
 * - formatting existing text is not a suggestion: it is left out and undone on screen (the caller says
 *   so). Only adding or removing the user's own deletion mark passes, which is what undo and redo do.
 *
 * Editing directly: the op is the user's delta, except that suggestion attributes never travel with it.
 * Typing inside someone's suggestion, or pasting text copied from one, would otherwise mark the new
 * text with their name (the server refuses that: nobody may pose as someone else), and "remove
 * formatting" would silently drop suggestions instead of deciding them.
 *
 *   base ──change──▶ on screen
 *     │                 │
 *     op            correction
 *     ▼                 ▼
 *    sent  ══════  shown (the same document)
 */
import richText from 'rich-text';
import { DELETE_KEY, INSERT_KEY, SUGGESTION_KEYS, isOwnSuggestion, newSuggestionValue } from './suggestion-value.js';

const { Delta } = richText;
const { AttributeMap, Op } = Delta;

/**
 * `change`: the user's delta; `base`: the document it applies to (the ShareDB doc's data, which also
 * has the suggestion marks Quill cannot keep on line breaks); `author`: {username, name};
 * `newId()`: a fresh suggestion id; `now`: ms since the epoch.
 * Returns `{op, correction, formattingRefused}`: the op to submit against `base`, the delta that turns
 * the editor's contents (base + change) into base + op (empty when they agree), and whether some
 * formatting was left out.
 */
export function convertUserChange({ change, base, author, suggesting, newId, now = Date.now() }) {
  const user = new Delta(change?.ops ?? change ?? []);
  const document = new Delta(base?.ops ?? base ?? []);
  if (!suggesting || !author?.username) return withoutSuggestionAttributes(user, document);
  const writer = new SuggestionWriter({ base: document, author, newId, now });
  return writer.write(normalizeReplacements(user, document));
}

function hasSuggestionKey(attributes) {
  return attributes ? SUGGESTION_KEYS.some((key) => key in attributes) : false;
}

function withoutSuggestionKeys(attributes) {
  if (!hasSuggestionKey(attributes)) return attributes;
  const rest = { ...attributes };
  for (const key of SUGGESTION_KEYS) delete rest[key];
  return Object.keys(rest).length ? rest : undefined;
}

/** How many characters of the document the op covers (retain and delete; inserts add their own). */
function baseLength(op) {
  return op.insert === undefined ? Op.length(op) : 0;
}

/** The next piece of the document, at most `length` long; past its end, a plain retain of `length`. */
function nextPiece(iterator, length) {
  const piece = iterator.next(length);
  return piece.retain === Infinity ? { retain: length } : piece;
}

// ---- editing directly -----------------------------------------------------------------------------------

function withoutSuggestionAttributes(change, base) {
  const touched = change.ops.some((op) => hasSuggestionKey(op.attributes));
  if (!touched) return { op: change, correction: new Delta(), formattingRefused: false };
  const op = new Delta();
  const correction = new Delta();
  const iterator = Op.iterator(base.ops);
  for (const userOp of change.ops) {
    if (userOp.insert !== undefined) {
      op.insert(userOp.insert, withoutSuggestionKeys(userOp.attributes));
      correction.retain(Op.length(userOp), removedSuggestionKeys(userOp.attributes));
    } else if (userOp.delete) {
      iterator.next(userOp.delete);
      op.delete(userOp.delete);
    } else {
      const kept = withoutSuggestionKeys(userOp.attributes);
      for (let remaining = userOp.retain; remaining > 0;) {
        const piece = nextPiece(iterator, remaining);
        const length = Op.length(piece);
        op.retain(length, kept);
        correction.retain(length, restoredSuggestionKeys(userOp.attributes, piece.attributes));
        remaining -= length;
      }
    }
  }
  return { op: op.chop(), correction: correction.chop(), formattingRefused: false };
}

function removedSuggestionKeys(attributes) {
  const removed = {};
  for (const key of SUGGESTION_KEYS) if (attributes && key in attributes) removed[key] = null;
  return removed;
}

/** Puts back the document's own suggestion values where the user's formatting changed them. */
function restoredSuggestionKeys(changed, current) {
  const restored = {};
  for (const key of SUGGESTION_KEYS) if (changed && key in changed) restored[key] = current?.[key] ?? null;
  return restored;
}

// ---- suggesting ---------------------------------------------------------------------------------------

/**
 * Quill writes some edits as "insert new text, delete the old" although most of the text stays: undo
 * and redo of a deletion mark (delete the marked text, insert it unmarked), an input method replacing a
 * word, autocorrect. Each run of inserts followed by deletes becomes the minimal difference between the
 * old and the new text, so that only what really changed becomes a suggestion.
 */
export function normalizeReplacements(change, base) {
  const ops = change.ops;
  if (!ops.some((op, i) => op.insert !== undefined && ops[i + 1]?.delete)) return change;
  const result = new Delta();
  let position = 0;
  for (let i = 0; i < ops.length;) {
    if (ops[i].insert === undefined) {
      result.push(ops[i]);
      position += baseLength(ops[i]);
      i += 1;
      continue;
    }
    const inserted = new Delta();
    for (; i < ops.length && ops[i].insert !== undefined; i++) inserted.push(ops[i]);
    let deleted = 0;
    for (; i < ops.length && ops[i].delete !== undefined; i++) deleted += ops[i].delete;
    const replaced = base.slice(position, position + deleted);
    if (deleted === 0 || replaced.length() !== deleted) {
      for (const op of inserted.ops) result.push(op);
      if (deleted) result.delete(deleted);
    } else {
      const difference = replaced.diff(inserted);
      for (const op of difference.ops) result.push(op);
      // diff() drops a final plain retain; the ops after this one still need it.
      const covered = difference.ops.reduce((sum, op) => sum + baseLength(op), 0);
      result.retain(deleted - covered);
    }
    position += deleted;
  }
  return result;
}

class SuggestionWriter {
  constructor({ base, author, newId, now }) {
    this.author = author;
    this.newId = newId;
    this.now = now;
    this.iterator = Op.iterator(base.ops);
    this.op = new Delta();
    this.correction = new Delta();
    this.before = null; // attributes of the text just before the point reached, as it will be
    this.formattingRefused = false;
  }

  write(change) {
    for (const userOp of change.ops) {
      if (userOp.insert !== undefined) this.insert(userOp);
      else if (userOp.delete) this.delete(userOp.delete);
      else this.retain(userOp.retain, userOp.attributes);
    }
    return { op: this.op.chop(), correction: this.correction.chop(), formattingRefused: this.formattingRefused };
  }

  insert(userOp) {
    const wanted = { ...withoutSuggestionKeys(userOp.attributes), [INSERT_KEY]: this.insertionValue() };
    this.op.insert(userOp.insert, wanted);
    this.correction.retain(Op.length(userOp), AttributeMap.diff(userOp.attributes ?? {}, wanted));
    this.before = wanted;
  }

  delete(length) {
    for (let remaining = length; remaining > 0;) {
      const piece = nextPiece(this.iterator, remaining);
      const pieceLength = Op.length(piece);
      remaining -= pieceLength;
      const attributes = piece.attributes ?? {};
      if (piece.insert === undefined || isOwnSuggestion(attributes[INSERT_KEY], this.author.username)) {
        this.op.delete(pieceLength); // withdrawing (part of) one's own suggested insertion
      } else if (attributes[DELETE_KEY]) {
        // Already proposed for deletion (by anyone): it stays as it is, and shows again.
        this.op.retain(pieceLength);
        this.correction.insert(piece.insert, attributes);
        this.before = attributes;
      } else {
        const value = this.deletionValue();
        const marked = { ...attributes, [DELETE_KEY]: value };
        this.op.retain(pieceLength, { [DELETE_KEY]: value });
        this.correction.insert(piece.insert, marked);
        this.before = marked;
      }
    }
  }

  retain(length, attributes) {
    for (let remaining = length; remaining > 0;) {
      const piece = nextPiece(this.iterator, remaining);
      const pieceLength = Op.length(piece);
      remaining -= pieceLength;
      if (!attributes) {
        this.op.retain(pieceLength);
        this.correction.retain(pieceLength);
        this.before = piece.attributes ?? null;
        continue;
      }
      const current = piece.attributes ?? {};
      const allowed = {};
      const undone = {};
      for (const [key, value] of Object.entries(attributes)) {
        if (sameValue(value, current[key])) continue;
        if (this.mayChange(key, value, current[key])) {
          allowed[key] = value;
        } else {
          undone[key] = current[key] ?? null;
          if (!SUGGESTION_KEYS.includes(key)) this.formattingRefused = true;
        }
      }
      this.op.retain(pieceLength, allowed);
      this.correction.retain(pieceLength, undone);
      this.before = AttributeMap.compose(current, allowed);
    }
  }

  /** Marking text for deletion oneself, or taking one's own mark away: what undo and redo do. */
  mayChange(key, value, current) {
    const own = (candidate) => isOwnSuggestion(candidate, this.author.username);
    if (key !== DELETE_KEY) return false;
    if (value === null) return own(current);
    return own(value) && (current === undefined || current === null || own(current));
  }

  /** The user's own adjacent suggestion of this kind (before, else after), for its value to be reused. */
  adjacentOwn(key) {
    const ownMark = (attributes) => {
      const value = attributes?.[key];
      if (!isOwnSuggestion(value, this.author.username)) return null;
      // A suggested insertion someone proposes to delete is finished: new text starts a new one.
      return key === INSERT_KEY && attributes[DELETE_KEY] ? null : value;
    };
    return ownMark(this.before) ?? ownMark(this.iterator.peek()?.attributes);
  }

  insertionValue() {
    return this.adjacentOwn(INSERT_KEY) ?? this.newValue();
  }

  deletionValue() {
    return this.adjacentOwn(DELETE_KEY) ?? this.newValue();
  }

  newValue() {
    return newSuggestionValue({ author: this.author, id: this.newId(), at: this.now });
  }
}

function sameValue(a, b) {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);
}
