/**
 * The suggestions of a document, read from its data (so the list is live: it is recomputed from the
 * ShareDB doc as ops arrive), and who may decide which. One entry per suggestion: the pieces of text
 * with the same id and kind, which stay one suggestion even when other text comes between them.
 */
import { mayDecideSuggestions } from '../access/roles.js';
import { DELETE_KEY, INSERT_KEY, isSuggestionValue } from './suggestion-value.js';

const KINDS = [['insert', INSERT_KEY], ['delete', DELETE_KEY]];

/**
 * [{key, id, kind, author, name, at, index, length, text}] in document order (by where each starts):
 * `index`/`length` span from its first to its last character (what selecting it in the editor covers);
 * `text` is its own characters only.
 */
export function collectSuggestions(data) {
  const byKey = new Map();
  let index = 0;
  for (const op of data?.ops ?? []) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    const text = typeof op.insert === 'string' ? op.insert : '';
    for (const [kind, attribute] of KINDS) {
      const value = op.attributes?.[attribute];
      if (!isSuggestionValue(value)) continue;
      const key = `${kind}:${value.id}`;
      const known = byKey.get(key);
      if (known) {
        known.length = index + length - known.index;
        known.text += text;
      } else {
        byKey.set(key, { key, id: value.id, kind, author: value.author, name: value.name || value.author, at: value.at,
          index, length, text });
      }
    }
    index += length;
  }
  return [...byKey.values()].sort((a, b) => a.index - b.index || (a.kind === b.kind ? 0 : a.kind === 'delete' ? -1 : 1));
}

/**
 * What `me` (a username) with `role` may do with one suggestion: editors and managers accept or reject
 * any; the author withdraws their own (rejecting it, which anyone may do with their own).
 */
export function decisionsFor(suggestion, { me, role }) {
  if (mayDecideSuggestions(role)) return { accept: true, reject: true, withdraw: false };
  return { accept: false, reject: false, withdraw: Boolean(me) && suggestion.author === me };
}

/**
 * The decisions on many at once, for editors and managers: all, and all by each author (by name, in
 * the given collation), with how many each covers. Null for anyone else or when there is nothing.
 */
export function bulkDecisions(suggestions, { role, collator = new Intl.Collator() }) {
  if (!mayDecideSuggestions(role) || suggestions.length === 0) return null;
  const authors = new Map();
  for (const suggestion of suggestions) {
    const author = authors.get(suggestion.author) ?? { author: suggestion.author, name: suggestion.name, count: 0 };
    author.count += 1;
    authors.set(suggestion.author, author);
  }
  return {
    count: suggestions.length,
    authors: [...authors.values()].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.author, b.author)),
  };
}

/**
 * The text to show for a suggestion: line breaks as `lineBreak` (a paragraph break is a suggestion
 * too), runs of spaces as one, `blank` when nothing visible is left (a suggested space), at most `max`
 * characters (whole code points) with an ellipsis.
 */
export function excerptOf(text, { max = 60, lineBreak = '¶', blank = '␣' } = {}) {
  const shown = Array.from(String(text).replace(/\n/g, ` ${lineBreak} `).replace(/\s+/g, ' ').trim());
  if (shown.length === 0) return blank;
  return shown.length > max ? `${shown.slice(0, max - 1).join('').trimEnd()}…` : shown.join('');
}
