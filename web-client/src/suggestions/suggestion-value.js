/**
 * A suggestion lives in the rich-text document itself, as an attribute on its text, so it moves with
 * that text under concurrent edits (rich-text composes and transforms attribute values as opaque values):
 *
 *   suggestInsert  on text someone proposes to add (real text, shown underlined)
 *   suggestDelete  on text someone proposes to remove (it stays in place, shown struck through)
 *
 * Both carry `{id, author, name, at}`: a random id (at most 64 characters) shared by one run of typing,
 * the author's username (the server refuses an op that marks text with someone else's), their display
 * name and when it was made (ms since the epoch).
 */

export const INSERT_KEY = 'suggestInsert';
export const DELETE_KEY = 'suggestDelete';
export const SUGGESTION_KEYS = [INSERT_KEY, DELETE_KEY];

export const MAX_ID_LENGTH = 64;

export function isSuggestionValue(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    && typeof value.id === 'string' && value.id.length > 0 && value.id.length <= MAX_ID_LENGTH
    && typeof value.author === 'string' && value.author !== ''
    && typeof value.name === 'string'
    && Number.isFinite(value.at);
}

/** True when `value` is a suggestion made by `username`. */
export function isOwnSuggestion(value, username) {
  return isSuggestionValue(value) && value.author === username;
}

/** 96 random bits, URL-safe: unique enough that two people never pick the same id. */
export function randomSuggestionId(random = (bytes) => globalThis.crypto.getRandomValues(bytes)) {
  const bytes = random(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A new suggestion value for `author` ({username, name}, as signedInUser gives it). */
export function newSuggestionValue({ author, id, at }) {
  return { id, author: author.username, name: author.name || author.username, at };
}

/** The value as kept in a data attribute of the editor's DOM (Quill reads formats back from there). */
export function encodeSuggestionValue(value) {
  return JSON.stringify(value ?? null);
}

/**
 * Decoded values are shared per text: Quill compares format values with ===, and would otherwise
 * never merge two neighbouring pieces of one suggestion, nor see that a value did not change.
 */
const decoded = new Map();
const MAX_DECODED = 1000;

/** The value back from `encodeSuggestionValue`, or undefined for anything that is not an object. */
export function decodeSuggestionValue(text) {
  if (typeof text !== 'string') return undefined;
  if (decoded.has(text)) return decoded.get(text);
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (decoded.size >= MAX_DECODED) decoded.clear(); // only sharing is lost, never a value
  decoded.set(text, value);
  return value;
}
