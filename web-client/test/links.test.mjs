import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeLinkUrl } from '../src/format/links.js';

describe('link targets', () => {
  it('keeps http, https and mailto addresses as typed', () => {
    for (const url of ['https://europa.eu/x?y=1#z', 'http://example.org', 'mailto:aino@example.fi']) {
      assert.equal(normalizeLinkUrl(` ${url} `), url);
    }
  });

  it('puts https:// before an address without a scheme', () => {
    assert.equal(normalizeLinkUrl('europa.eu/policies'), 'https://europa.eu/policies');
    assert.equal(normalizeLinkUrl('//example.org/a'), 'https://example.org/a');
  });

  it('refuses other schemes and what is not an address', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', '', 'two words', 'nodot']) {
      assert.equal(normalizeLinkUrl(bad), null, bad);
    }
  });
});
