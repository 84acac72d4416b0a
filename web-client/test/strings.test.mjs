import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import en from '../src/strings/en.js';
import { hasMessage, t, useCatalog } from '../src/strings/index.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

/** Every `t('key'…)` in src/, with the file it is in. */
function usedKeys() {
  const keys = new Map();
  for (const file of sourceFiles(SRC)) {
    if (file.includes(`${path.sep}strings${path.sep}`)) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*(['"`])([\w.-]+)\1/g)) keys.set(match[2], path.relative(SRC, file));
  }
  return keys;
}

describe('strings', () => {
  it('has an en.js entry for every t() key used in src', () => {
    const keys = usedKeys();
    assert.ok(keys.size > 50, `found only ${keys.size} t() calls: is the scan broken?`);
    const missing = [...keys].filter(([key]) => !hasMessage(key)).map(([key, file]) => `${key} (${file})`);
    assert.deepEqual(missing, []);
  });

  it('has no en.js entry that nothing uses', () => {
    const keys = usedKeys();
    assert.deepEqual(Object.keys(en.messages).filter((key) => !keys.has(key)), []);
  });

  it('gives every plural message the "one" and "other" forms, both with {count}', () => {
    for (const [key, message] of Object.entries(en.messages)) {
      if (typeof message === 'string') continue;
      assert.ok(message.one?.includes('{count}') && message.other?.includes('{count}'), key);
    }
  });

  it('never calls t() with a computed key, which the check above could not see', () => {
    const computed = sourceFiles(SRC).filter((file) => !file.includes(`${path.sep}strings${path.sep}`))
      .filter((file) => /\bt\(\s*[^'"`\s)]/.test(fs.readFileSync(file, 'utf8')));
    assert.deepEqual(computed.map((file) => path.relative(SRC, file)), []);
  });

  it('fills parameters and chooses the plural form', () => {
    assert.equal(t('status.offlineUnsent', { count: 1 }), 'Offline, 1 unsent change (kept, sent when back online)');
    assert.equal(t('status.offlineUnsent', { count: 3 }), 'Offline, 3 unsent changes (kept, sent when back online)');
    assert.equal(t('people.you', { name: 'Aino' }), 'Aino (you)');
  });

  it('shows a missing key as itself and leaves unknown placeholders alone', () => {
    assert.equal(t('no.such.key'), 'no.such.key');
    assert.equal(t('people.you'), '{name} (you)');
  });

  it('switches to another catalog, with its plural rules', (ctx) => {
    ctx.after(() => useCatalog(en));
    useCatalog({ locale: 'fi', messages: { 'status.offlineUnsent': { one: '{count} muutos', other: '{count} muutosta' } } });
    assert.equal(t('status.offlineUnsent', { count: 2 }), '2 muutosta');
    assert.equal(t('list.heading'), 'list.heading');
  });
});
