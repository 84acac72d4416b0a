import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIST_HREF, docHref, parseRoute } from '../src/routing/routes.js';

describe('hash routes', () => {
  it('shows the list for #/, an empty hash and anything unknown', () => {
    for (const hash of ['', '#', '#/', '#/nope', '#/d/', '#/d/%E0%A4%A']) assert.deepEqual(parseRoute(hash), { name: 'list' }, hash);
    assert.equal(LIST_HREF, '#/');
  });

  it('opens a document by id, round-tripping odd ids', () => {
    assert.deepEqual(parseRoute('#/d/abc123'), { name: 'doc', id: 'abc123' });
    for (const id of ['a b', 'ä/ø', '42']) assert.deepEqual(parseRoute(docHref(id)), { name: 'doc', id });
  });
});
