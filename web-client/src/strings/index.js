/**
 * The one way the app gets a user-visible string: `t('list.heading')`, `t('status.offlineUnsent', {count: 3})`.
 * Only English exists today; another language is a sibling of en.js chosen here.
 */
import en from './en.js';

let catalog = en;
let pluralRules = new Intl.PluralRules(catalog.locale);

/** The BCP 47 tag of the active strings, for Intl formatters and `<html lang>`. */
export function locale() {
  return catalog.locale;
}

/** Swaps the catalog (a translation, or a test double). */
export function useCatalog(next) {
  catalog = next;
  pluralRules = new Intl.PluralRules(next.locale);
}

/** True when `key` names a message of the active catalog. */
export function hasMessage(key) {
  return Object.hasOwn(catalog.messages, key);
}

/**
 * The message `key` with `{param}` placeholders filled in. A missing key shows as the key itself, so a
 * gap in a translation is visible instead of blank.
 */
export function t(key, params = {}) {
  let message = catalog.messages[key];
  if (message === undefined) return key;
  if (typeof message === 'object') message = message[pluralRules.select(params.count ?? 0)] ?? message.other;
  return message.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
