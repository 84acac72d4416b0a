/**
 * "Last change" in the document list: relative while recent ("5 minutes ago", "yesterday"), a date
 * after a week. Intl does the wording, in the locale of the active strings.
 */
import { locale, t } from '../strings/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatLastChange(updatedAt, now = Date.now(), localeTag = locale()) {
  if (!Number.isFinite(updatedAt)) return t('list.neverChanged');
  const age = now - updatedAt;
  // A server clock slightly ahead of ours gives a negative age: that is "just now" too.
  if (age < MINUTE) return t('time.justNow');
  const relative = new Intl.RelativeTimeFormat(localeTag, { numeric: 'auto' });
  if (age < HOUR) return relative.format(-Math.floor(age / MINUTE), 'minute');
  if (age < DAY) return relative.format(-Math.floor(age / HOUR), 'hour');
  if (age < 7 * DAY) return relative.format(-Math.floor(age / DAY), 'day');
  return new Intl.DateTimeFormat(localeTag, { dateStyle: 'medium' }).format(updatedAt);
}

/** The exact moment, for a tooltip and the <time datetime> attribute. */
export function formatExactTime(updatedAt, localeTag = locale()) {
  if (!Number.isFinite(updatedAt)) return '';
  return new Intl.DateTimeFormat(localeTag, { dateStyle: 'full', timeStyle: 'short' }).format(updatedAt);
}
