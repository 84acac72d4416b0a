import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIST_HREF, USERS_HREF, docHref, hrefOf, parseRoute, resolveRoute, signInHref } from '../src/routing/routes.js';

describe('hash routes', () => {
  it('shows the list for #/, an empty hash and anything unknown', () => {
    for (const hash of ['', '#', '#/', '#/nope', '#/d/', '#/d/%E0%A4%A']) assert.deepEqual(parseRoute(hash), { name: 'list' }, hash);
    assert.equal(LIST_HREF, '#/');
  });

  it('opens a document by id, round-tripping odd ids', () => {
    assert.deepEqual(parseRoute('#/d/abc123'), { name: 'doc', id: 'abc123' });
    for (const id of ['a b', 'ä/ø', '42']) assert.deepEqual(parseRoute(docHref(id)), { name: 'doc', id });
  });

  it('has the users page', () => {
    assert.deepEqual(parseRoute(USERS_HREF), { name: 'users' });
    assert.deepEqual(parseRoute('#/users/'), { name: 'users' });
  });

  it('has a sign-in page that remembers where to go next', () => {
    assert.deepEqual(parseRoute('#/sign-in'), { name: 'signIn', next: LIST_HREF });
    for (const next of [docHref('abc'), docHref('a b/ä?'), USERS_HREF, LIST_HREF]) {
      assert.deepEqual(parseRoute(signInHref(next)), { name: 'signIn', next }, next);
    }
    assert.equal(signInHref(LIST_HREF), '#/sign-in');
    assert.equal(signInHref(docHref('abc')), '#/sign-in?next=%2Fd%2Fabc');
  });

  it('goes on only to a page of this app, never to the sign-in page again', () => {
    for (const query of ['next=https%3A%2F%2Fevil.example', 'next=%2F%2Fevil.example', 'next=%2Fsign-in%3Fnext%3D%252Fusers',
      'next=%2Fnope', 'next=', 'x=1', 'next=%E0%A4%A']) {
      assert.equal(parseRoute(`#/sign-in?${query}`).next, LIST_HREF, query);
    }
  });

  it('gives every route its canonical href', () => {
    assert.equal(hrefOf(parseRoute('#/d/x%20y/')), '#/d/x%20y');
    assert.equal(hrefOf(parseRoute('#')), LIST_HREF);
    assert.equal(hrefOf(parseRoute('#/sign-in?next=%2Fusers')), '#/sign-in?next=%2Fusers');
  });
});

describe('routing to sign-in', () => {
  it('sends every page to the sign-in page while signed out, remembering it', () => {
    assert.deepEqual(resolveRoute('#/d/abc', { signedIn: false }), { redirect: '#/sign-in?next=%2Fd%2Fabc' });
    assert.deepEqual(resolveRoute('#/users', { signedIn: false }), { redirect: '#/sign-in?next=%2Fusers' });
    assert.deepEqual(resolveRoute('', { signedIn: false }), { redirect: '#/sign-in' });
    assert.deepEqual(resolveRoute('#/sign-in?next=%2Fusers', { signedIn: false }),
      { route: { name: 'signIn', next: USERS_HREF } });
  });

  it('once signed in, goes on from the sign-in page to the remembered page, and shows the others', () => {
    assert.deepEqual(resolveRoute('#/sign-in?next=%2Fd%2Fabc', { signedIn: true }), { redirect: '#/d/abc' });
    assert.deepEqual(resolveRoute('#/sign-in', { signedIn: true }), { redirect: LIST_HREF });
    assert.deepEqual(resolveRoute('#/d/abc', { signedIn: true }), { route: { name: 'doc', id: 'abc' } });
  });
});
