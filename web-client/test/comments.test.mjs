/**
 * Comment threads without a browser: anchors read from the document (comment-anchors.js), threads
 * merged from REST and live announcements by rev, their order and filter, what is highlighted, and who
 * may do what (comment-threads.js); the comments API client and its error words.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectAnchors, movePassage, threadIdOfAttribute, threadsAt } from '../src/comments/comment-anchors.js';
import {
  highlightedRanges, listThreads, mergeThread, messageActionsFor, readThread, threadActionsFor,
} from '../src/comments/comment-threads.js';
import { createCommentsApi } from '../src/api/comments-api.js';
import { describeError } from '../src/api/error-messages.js';
import { ROLES, mayComment } from '../src/access/roles.js';

const thread = (id, { rev = 1, resolved = false, createdAt = 1, messages = null } = {}) => ({
  id, quote: `quote ${id}`, author: 'rita', name: 'Rita', createdAt, resolved, resolvedBy: resolved ? 'eero' : null,
  resolvedAt: resolved ? 5 : 0, rev,
  messages: messages ?? [{ id: `${id}-m1`, author: 'rita', name: 'Rita', text: 'first', at: 1, editedAt: 0, deleted: false }],
});

describe('comment anchors in the document', () => {
  it('collects each thread\'s runs, joining pieces split by formats', () => {
    const data = { ops: [
      { insert: 'The ' },
      { insert: 'quick', attributes: { 'comment-a': true } },
      { insert: ' brown', attributes: { 'comment-a': true, bold: true } },
      { insert: ' fox\n' },
    ] };
    assert.deepEqual([...collectAnchors(data)], [['a', [{ index: 4, length: 11 }]]]);
  });

  it('gives one thread several ranges when text without the attribute came between', () => {
    const data = { ops: [
      { insert: 'ab', attributes: { 'comment-a': true } },
      { insert: 'typed' },
      { insert: 'cd', attributes: { 'comment-a': true } },
      { insert: '\n' },
    ] };
    assert.deepEqual(collectAnchors(data).get('a'), [{ index: 0, length: 2 }, { index: 7, length: 2 }]);
  });

  it('keeps overlapping threads apart, and counts embeds as one character', () => {
    const data = { ops: [
      { insert: { image: 'x' } },
      { insert: 'ab', attributes: { 'comment-a': true } },
      { insert: 'cd', attributes: { 'comment-a': true, 'comment-b': true } },
      { insert: 'ef', attributes: { 'comment-b': true } },
      { insert: '\n' },
    ] };
    const anchors = collectAnchors(data);
    assert.deepEqual(anchors.get('a'), [{ index: 1, length: 4 }]);
    assert.deepEqual(anchors.get('b'), [{ index: 3, length: 4 }]);
    assert.deepEqual(threadsAt(anchors, 3), ['a', 'b']);
    assert.deepEqual(threadsAt(anchors, 5), ['b']);
    assert.deepEqual(threadsAt(anchors, 7), []);
  });

  it('ignores attributes that are not anchors, and has nothing for a detached thread', () => {
    assert.equal(threadIdOfAttribute('comment-', true), null);
    assert.equal(threadIdOfAttribute('comment-a', 'yes'), null);
    assert.equal(threadIdOfAttribute('bold', true), null);
    const anchors = collectAnchors({ ops: [{ insert: 'x', attributes: { 'comment-a': false, suggestInsert: {} } }, { insert: '\n' }] });
    assert.equal(anchors.size, 0);
    assert.equal(collectAnchors(null).size, 0);
  });

  it('moves a selected passage through edits, text at its edges staying outside', () => {
    const passage = { index: 4, length: 5 };
    assert.deepEqual(movePassage(passage, [{ insert: 'AB' }]), { index: 6, length: 5 });
    assert.deepEqual(movePassage(passage, [{ retain: 4 }, { insert: 'X' }]), { index: 5, length: 5 });
    assert.deepEqual(movePassage(passage, [{ retain: 9 }, { insert: 'X' }]), { index: 4, length: 5 });
    assert.deepEqual(movePassage(passage, [{ retain: 6 }, { insert: 'X' }]), { index: 4, length: 6 });
    assert.deepEqual(movePassage(passage, [{ retain: 2 }, { delete: 10 }]), { index: 2, length: 0 });
  });
});

describe('threads from REST and live updates', () => {
  it('keeps the copy with the higher rev, whichever arrives first', () => {
    const threads = new Map();
    assert.equal(mergeThread(threads, thread('a', { rev: 2 })), true);
    assert.equal(mergeThread(threads, thread('a', { rev: 1, resolved: true })), false, 'an older REST answer');
    assert.equal(threads.get('a').resolved, false);
    assert.equal(mergeThread(threads, thread('a', { rev: 2 })), false, 'the same again');
    assert.equal(mergeThread(threads, thread('a', { rev: 3, resolved: true })), true);
    assert.equal(threads.get('a').resolved, true);
  });

  it('refuses what is not a thread, and shows a deleted message without text', () => {
    const threads = new Map();
    assert.equal(mergeThread(threads, null), false);
    assert.equal(mergeThread(threads, { id: 'x', messages: [] }), false, 'no rev');
    assert.equal(mergeThread(threads, { id: 'x', rev: 1 }), false, 'no messages');
    const read = readThread(thread('a', { messages: [{ id: 'm', author: 'rita', name: 'Rita', text: 'gone', deleted: true }] }));
    assert.deepEqual([read.messages[0].text, read.messages[0].deleted], ['', true]);
  });

  it('lists open threads in document order, then detached ones, and filters by status', () => {
    const threads = new Map();
    for (const value of [thread('late', { createdAt: 1 }), thread('early', { createdAt: 2 }), thread('gone', { createdAt: 0 }),
      thread('done', { resolved: true }), thread('gone2', { createdAt: 9 })]) mergeThread(threads, value);
    const anchors = new Map([['late', [{ index: 30, length: 3 }]], ['early', [{ index: 2, length: 3 }]], ['done', [{ index: 0, length: 1 }]]]);
    const open = listThreads(threads, anchors, 'open');
    assert.deepEqual(open.map((t) => [t.id, t.detached]), [['early', false], ['late', false], ['gone', true], ['gone2', true]]);
    assert.deepEqual(open[0].ranges, [{ index: 2, length: 3 }]);
    assert.deepEqual(listThreads(threads, anchors, 'resolved').map((t) => t.id), ['done']);
    assert.deepEqual(listThreads(threads, anchors, 'all').map((t) => t.id), ['early', 'late', 'gone', 'gone2', 'done']);
  });

  it('highlights every range of open threads only', () => {
    const threads = new Map();
    mergeThread(threads, thread('a'));
    mergeThread(threads, thread('r', { resolved: true }));
    const anchors = new Map([['a', [{ index: 0, length: 2 }, { index: 5, length: 1 }]], ['r', [{ index: 1, length: 3 }]]]);
    assert.deepEqual(highlightedRanges(threads, anchors), [{ id: 'a', index: 0, length: 2 }, { id: 'a', index: 5, length: 1 }]);
  });
});

describe('who may do what with comments', () => {
  it('lets reviewers, editors and managers write, reply, resolve and reopen; viewers only read', () => {
    assert.deepEqual(ROLES.filter(mayComment), ['manager', 'editor', 'reviewer']);
    assert.deepEqual(threadActionsFor({ resolved: false }, { role: 'reviewer' }), { reply: true, resolve: true, reopen: false });
    assert.deepEqual(threadActionsFor({ resolved: true }, { role: 'editor' }), { reply: true, resolve: false, reopen: true });
    assert.deepEqual(threadActionsFor({ resolved: false }, { role: 'viewer' }), { reply: false, resolve: false, reopen: false });
  });

  it('lets only a message\'s author edit or delete it, and not once deleted', () => {
    const message = { author: 'rita', deleted: false };
    assert.deepEqual(messageActionsFor(message, { me: 'rita', role: 'reviewer' }), { edit: true, delete: true });
    assert.deepEqual(messageActionsFor(message, { me: 'eero', role: 'manager' }), { edit: false, delete: false });
    assert.deepEqual(messageActionsFor({ ...message, deleted: true }, { me: 'rita', role: 'reviewer' }), { edit: false, delete: false });
    assert.deepEqual(messageActionsFor(message, { me: 'rita', role: 'viewer' }), { edit: false, delete: false }, 'made a viewer since');
  });
});

describe('comments API client', () => {
  function fakeFetch(status, body) {
    const calls = [];
    const fetch = async (url, init) => {
      calls.push([init.method, url, init.body === undefined ? undefined : JSON.parse(init.body)]);
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    };
    return { fetch, calls };
  }

  it('calls each endpoint, escaping ids', async () => {
    const { fetch, calls } = fakeFetch(200, { threads: [thread('a')], ...thread('a') });
    const api = createCommentsApi({ fetch });
    assert.equal((await api.listThreads('d/1', { status: 'open', author: 'rita' })).length, 1);
    await api.createThread('d/1', { v: 7, index: 2, length: 3, text: 'Why?' });
    await api.reply('d/1', 't 1', 'Because');
    await api.editMessage('d/1', 't 1', 'm1', 'Fixed');
    await api.deleteMessage('d/1', 't 1', 'm1');
    await api.resolve('d/1', 't 1');
    await api.reopen('d/1', 't 1');
    assert.deepEqual(calls, [
      ['GET', '/api/docs/d%2F1/comments?status=open&author=rita', undefined],
      ['POST', '/api/docs/d%2F1/comments', { v: 7, index: 2, length: 3, text: 'Why?' }],
      ['POST', '/api/docs/d%2F1/comments/t%201/messages', { text: 'Because' }],
      ['PATCH', '/api/docs/d%2F1/comments/t%201/messages/m1', { text: 'Fixed' }],
      ['DELETE', '/api/docs/d%2F1/comments/t%201/messages/m1', undefined],
      ['POST', '/api/docs/d%2F1/comments/t%201/resolve', undefined],
      ['POST', '/api/docs/d%2F1/comments/t%201/reopen', undefined],
    ]);
  });

  it('turns ERR_PASSAGE_GONE and ERR_FORBIDDEN into words', async () => {
    const { fetch } = fakeFetch(409, { error: { code: 'ERR_PASSAGE_GONE', message: 'gone' } });
    const err = await createCommentsApi({ fetch }).createThread('d', { v: 1, index: 0, length: 1, text: 'x' }).catch((e) => e);
    assert.equal(err.code, 'ERR_PASSAGE_GONE');
    assert.equal(describeError(err), 'the text you selected was deleted meanwhile; select it again');
    assert.equal(describeError({ code: 'ERR_FORBIDDEN' }), 'you are not allowed to do this');
    assert.equal(describeError({ code: 'ERR_NETWORK' }), 'the server cannot be reached; check your connection');
  });
});
