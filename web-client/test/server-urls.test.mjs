import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configuredServerUrls, defaultServerUrl, parseServerList, rotatingUrlProvider } from '../src/config/server-urls.js';

describe('server URLs', () => {
  it('defaults to /ws on the page origin, wss for https pages', () => {
    assert.equal(defaultServerUrl('http://127.0.0.1:8080/#/d/abc'), 'ws://127.0.0.1:8080/ws');
    assert.equal(defaultServerUrl('https://collab.example.org/some/path?x=1'), 'wss://collab.example.org/ws');
  });

  it('parses a list separated by spaces or commas, resolving relative URLs and dropping non-WebSocket ones', () => {
    const page = 'https://collab.example.org/';
    assert.deepEqual(parseServerList(' wss://a.example.org/ws,wss://b.example.org/ws  /ws ftp://x/ws javascript:alert(1)', page),
      ['wss://a.example.org/ws', 'wss://b.example.org/ws', 'wss://collab.example.org/ws']);
    assert.deepEqual(parseServerList('https://c.example.org/ws wss://c.example.org/ws', page), ['wss://c.example.org/ws']);
    assert.deepEqual(parseServerList('', page), []);
    assert.deepEqual(parseServerList(null, page), []);
  });

  it('prefers ?servers= over the meta tag over the page origin', () => {
    const metaContent = 'wss://meta-a/ws wss://meta-b/ws';
    assert.deepEqual(configuredServerUrls({ pageUrl: 'https://h/?servers=wss://h:8443/ws,wss://meta-b/ws#/', metaContent }),
      ['wss://h:8443/ws', 'wss://meta-b/ws']);
    assert.deepEqual(configuredServerUrls({ pageUrl: 'https://h/#/', metaContent }), ['wss://meta-a/ws', 'wss://meta-b/ws']);
    assert.deepEqual(configuredServerUrls({ pageUrl: 'https://h/#/', metaContent: '' }), ['wss://h/ws']);
    assert.deepEqual(configuredServerUrls({ pageUrl: 'https://h/?servers=nonsense:x', metaContent: undefined }), ['wss://h/ws']);
  });

  it('takes from ?servers= only the page\'s own host and the nodes of the meta tag', () => {
    const pageUrl = 'https://collab.example.org/?servers=wss://evil.example/ws,wss://collab.example.org:9000/ws,wss://node-b/ws#/';
    assert.deepEqual(configuredServerUrls({ pageUrl, metaContent: 'wss://node-a/ws wss://node-b/ws' }),
      ['wss://collab.example.org:9000/ws', 'wss://node-b/ws']);
    assert.deepEqual(configuredServerUrls({ pageUrl: 'https://h/?servers=wss://evil.example/ws', metaContent: '' }), ['wss://h/ws'],
      'only someone else\'s server: the page\'s own instead');
  });

  it('moves to the next URL on every (re)connect, wrapping around', () => {
    const next = rotatingUrlProvider(['wss://a/ws', 'wss://b/ws', 'wss://c/ws'], () => 0);
    assert.deepEqual([next(), next(), next(), next(), next()], ['wss://a/ws', 'wss://b/ws', 'wss://c/ws', 'wss://a/ws', 'wss://b/ws']);
  });

  it('starts at a random place so clients spread over the nodes', () => {
    const next = rotatingUrlProvider(['wss://a/ws', 'wss://b/ws', 'wss://c/ws'], () => 0.99);
    assert.deepEqual([next(), next()], ['wss://c/ws', 'wss://a/ws']);
  });

  it('always gives the single URL when there is one', () => {
    const next = rotatingUrlProvider(['ws://h/ws']);
    assert.deepEqual([next(), next(), next()], ['ws://h/ws', 'ws://h/ws', 'ws://h/ws']);
  });

  it('refuses an empty list', () => {
    assert.throws(() => rotatingUrlProvider([]), /no server URL/);
  });
});
