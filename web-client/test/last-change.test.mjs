import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatExactTime, formatLastChange } from '../src/format/last-change.js';

const NOW = Date.UTC(2025, 10, 28, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('"last change" in the list', () => {
  it('says so when the document was never edited', () => {
    assert.equal(formatLastChange(null, NOW), 'Not edited yet');
    assert.equal(formatLastChange(undefined, NOW), 'Not edited yet');
  });

  it('says just now for the last minute, and for a server clock a little ahead', () => {
    assert.equal(formatLastChange(NOW - 59_000, NOW), 'just now');
    assert.equal(formatLastChange(NOW + 5_000, NOW), 'just now');
  });

  it('counts minutes, hours and days', () => {
    assert.equal(formatLastChange(NOW - MINUTE, NOW), '1 minute ago');
    assert.equal(formatLastChange(NOW - 5 * MINUTE - 10_000, NOW), '5 minutes ago');
    assert.equal(formatLastChange(NOW - 3 * HOUR, NOW), '3 hours ago');
    assert.equal(formatLastChange(NOW - DAY - HOUR, NOW), 'yesterday');
    assert.equal(formatLastChange(NOW - 6 * DAY, NOW), '6 days ago');
  });

  it('gives the date after a week', () => {
    assert.equal(formatLastChange(Date.UTC(2025, 0, 15, 12), NOW), 'Jan 15, 2025');
  });

  it('uses the locale it is given', () => {
    assert.equal(formatLastChange(NOW - 2 * HOUR, NOW, 'de'), 'vor 2 Stunden');
  });

  it('gives the exact time for the tooltip, and nothing without a time', () => {
    assert.match(formatExactTime(Date.UTC(2025, 0, 15, 12)), /2025/);
    assert.equal(formatExactTime(null), '');
  });
});
