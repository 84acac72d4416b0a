/**
 * The user's display name, asked once and kept in this browser (localStorage). There are no accounts
 * yet, so the name is only what co-authors see next to the cursor.
 */

export const DISPLAY_NAME_KEY = 'policy-collab.displayName';
export const MAX_DISPLAY_NAME_LENGTH = 60;

/** Trimmed, inner whitespace and control characters collapsed to one space, at most 60 characters. */
export function normalizeDisplayName(raw) {
  const cleaned = String(raw ?? '').replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ').trim();
  return Array.from(cleaned).slice(0, MAX_DISPLAY_NAME_LENGTH).join('').trim();
}

/** The stored name, or null (never asked, or storage unavailable as in some private modes). */
export function loadDisplayName(storage) {
  try {
    return normalizeDisplayName(storage?.getItem(DISPLAY_NAME_KEY)) || null;
  } catch {
    return null;
  }
}

/** Stores and returns the normalized name; '' is not stored. */
export function saveDisplayName(storage, raw) {
  const name = normalizeDisplayName(raw);
  if (!name) return '';
  try {
    storage?.setItem(DISPLAY_NAME_KEY, name);
  } catch {
    // Storage full or disabled: the name still holds for this page.
  }
  return name;
}
