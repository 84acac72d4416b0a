/**
 * The doc presence value this app sends: `{index, length, name, color}`. The server moves index and
 * length through concurrent edits, keeps the other fields, and lists `name` as online. Values from
 * other clients are untrusted input, so reading one checks every field it uses; their `color` is not
 * used, because colours are made distinct per document on each screen (colors.js, assignColors).
 */
import { t } from '../strings/index.js';
import { colorForName, isHexColor } from './colors.js';

/** As long as the server allows an account's display name to be. */
export const MAX_NAME_LENGTH = 100;

/** Trimmed, inner whitespace and control characters collapsed to one space, at most 100 characters. */
export function normalizeName(raw) {
  const cleaned = String(raw ?? '').replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ').trim();
  return Array.from(cleaned).slice(0, MAX_NAME_LENGTH).join('').trim();
}

/** Our presence for a Quill range (null, e.g. while the editor has no focus, means the start). */
export function buildPresenceValue(range, { name, color }) {
  return {
    index: wholeNumber(range?.index),
    length: wholeNumber(range?.length),
    name,
    color: isHexColor(color) ? color : colorForName(name),
  };
}

/** Another client's presence as {index, length, name}, or null when it is not a usable one. */
export function readPresenceValue(value) {
  if (!value || typeof value !== 'object') return null;
  if (!Number.isSafeInteger(value.index) || value.index < 0) return null;
  const length = Number.isSafeInteger(value.length) && value.length > 0 ? value.length : 0;
  const name = normalizeName(typeof value.name === 'string' ? value.name : '') || t('people.anonymous');
  return { index: value.index, length, name };
}

/** A range inside a document of `docLength` (Quill's getLength(), which counts the final newline). */
export function clampRange({ index, length }, docLength) {
  const last = Math.max(0, docLength - 1);
  const start = Math.min(index, last);
  return { index: start, length: Math.max(0, Math.min(length, last - start)) };
}

function wholeNumber(value) {
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}
