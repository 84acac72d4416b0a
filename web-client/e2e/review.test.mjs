/**
 * Suggestions (issue 7) with the stock ShareDB client: a reviewer suggests insertions and deletions
 * while an editor types elsewhere at the same time; ops crafted by hand to sneak a plain edit past the
 * rules are refused and change nothing; then the editor accepts half the suggestions and rejects the
 * rest through the API, and every replica and a fresh fetch agree on the result.
 *
 * Skipped on E2E_TARGET=ref: the stock ShareDB server has no roles.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  RawSocket, TEST_TIMEOUT_MS, canonical, chooseSeed, closeAllClients, closeAllRawSockets, connect, createDoc, docText,
  freshFetch, makeRng, reportingSeed, sleep, subscribe, waitFor, whenNothingPending,
} from './client.mjs';
import { IS_REF, armWatchdog, startServer } from './server.mjs';

armWatchdog(240, 'review.test.mjs');
const skip = IS_REF ? 'the stock ShareDB server has no roles' : false;
const seed = chooseSeed();

const mark = (id, person) => ({ id, author: person.username, name: person.user.displayName, at: Date.now() });

/** Where `token` is in the doc's text, or -1. */
const find = (doc, token) => docText(doc.data).indexOf(token);

/** An op: `at` retained (nothing when 0), then `rest`. */
const at = (index, ...rest) => (index > 0 ? [{ retain: index }, ...rest] : rest);

/** A random place right after a space (or the start), so that no insertion splits a token. */
function gap(rng, doc) {
  const text = docText(doc.data);
  const spots = [0];
  for (let i = 1; i < text.length; i++) if (text[i - 1] === ' ') spots.push(i);
  return rng.pick(spots);
}

describe('suggestions', () => {
  let server;
  let reviewer;
  let editor;
  before(async () => {
    if (skip) return;
    server = await startServer();
    reviewer = await server.newUser('rita', { displayName: 'Rita Reviewer' });
    editor = await server.newUser('eero', { displayName: 'Eero Editor' });
  }, { timeout: TEST_TIMEOUT_MS });
  after(async () => { closeAllClients(); closeAllRawSockets(); await server?.close(); });

  it(`a reviewer suggests while an editor edits; half accepted, half rejected; all replicas agree (seed ${seed})`,
    { timeout: TEST_TIMEOUT_MS * 2, skip }, () => reportingSeed(seed, async () => {
      const rng = makeRng(seed);
      const id = `review-${seed}`;
      const setup = await connect(server.wsUrl, 'admin');
      const words = Array.from({ length: 12 }, (_, k) => `<e${k}>`);
      await createDoc(setup.doc(id), [{ insert: `Draft: ${words.join(' ')}\n` }]);
      for (const [person, role] of [[reviewer, 'reviewer'], [editor, 'editor']]) {
        assert.equal((await server.api('PUT', `/api/docs/${id}/access/${person.username}`, { role })).status, 200);
      }
      const r = await connect(server.wsUrlFor(reviewer.token), 'reviewer');
      const e = await connect(server.wsUrlFor(editor.token), 'editor');
      const rDoc = r.doc(id);
      const eDoc = e.doc(id);
      await subscribe(rDoc);
      await subscribe(eDoc);

      // At the same time: the editor types plain words at random places; the reviewer suggests inserting
      // [iK] and marks the editor's original words <eK> for deletion, without waiting for acks.
      const errors = [];
      const done = (what) => (err) => { if (err) errors.push(`${what}: ${err.code} ${err.message}`); };
      const insertions = [];
      const deletions = [];
      for (let k = 0; k < 12; k++) {
        eDoc.submitOp(at(gap(rng, eDoc), { insert: `(e-${k}) ` }), done(`editor ${k}`));

        const insertId = `ins-${k}`;
        insertions.push(insertId);
        rDoc.submitOp(at(gap(rng, rDoc), { insert: `[i${k}] `, attributes: { suggestInsert: mark(insertId, reviewer) } }),
          done(`reviewer insert ${k}`));
        const word = words[k];
        const where = find(rDoc, word);
        deletions.push(`del-${k}`);
        rDoc.submitOp(at(where, { retain: word.length, attributes: { suggestDelete: mark(`del-${k}`, reviewer) } }),
          done(`reviewer delete ${k}`));
        await sleep(rng.range(0, 15));
      }
      await whenNothingPending(rDoc);
      await whenNothingPending(eDoc);
      assert.deepEqual(errors, [], 'every op was accepted');
      await waitFor(() => rDoc.version === eDoc.version, () => `replicas at one version: ${rDoc.version}, ${eDoc.version}`);
      const suggested = await freshFetch(server.wsUrl, id);
      assert.equal(canonical(eDoc.data), canonical(suggested.data), "the editor's replica while suggestions are open");
      assert.equal(canonical(rDoc.data), canonical(suggested.data), "the reviewer's replica while suggestions are open");

      // Crafted ops on a raw socket: each refused with ERR_SUGGESTIONS_ONLY, the document unchanged.
      const raw = new RawSocket(server.wsUrlFor(reviewer.token));
      await raw.handshake();
      const version = eDoc.version;
      const crafted = [
        [{ insert: 'plain' }],
        [{ insert: 'posing', attributes: { suggestInsert: mark('x1', editor) } }],
        [{ retain: 3, attributes: { bold: true } }],
        [{ retain: 3, attributes: { suggestDelete: mark('x2', reviewer), bold: true } }],
        at(find(eDoc, 'Draft'), { delete: 2 }), // plain text, not the reviewer's own suggestion
        at(find(eDoc, '(e-0)'), { retain: 1, attributes: { suggestDelete: null } }), // no deletion mark of hers there
      ];
      for (const [seq, op] of crafted.entries()) {
        raw.send({ a: 'op', c: 'docs', d: id, v: version, src: raw.hs.id, seq: seq + 1, op });
        const reply = await raw.next((m) => m.a === 'op' && m.seq === seq + 1, `reply to crafted op ${seq + 1}`);
        assert.equal(reply.error?.code, 'ERR_SUGGESTIONS_ONLY', `crafted op ${JSON.stringify(op)}`);
      }
      assert.equal((await freshFetch(server.wsUrl, id)).version, version, 'the crafted ops changed nothing');

      // The editor accepts the even-numbered suggestions and rejects the odd ones.
      const listed = (await server.api('GET', `/api/docs/${id}/suggestions`, undefined, editor.token)).body.suggestions;
      assert.equal(listed.length, 24, `${listed.length} suggestions listed`);
      const even = (s) => Number(s.id.split('-')[1]) % 2 === 0;
      const accept = await server.api('POST', `/api/docs/${id}/suggestions/decide`,
        { decision: 'accept', ids: listed.filter(even).map((s) => s.id) }, editor.token);
      assert.equal(accept.status, 200, JSON.stringify(accept.body));
      assert.equal(accept.body.decided, 12);
      const reject = await server.api('POST', `/api/docs/${id}/suggestions/decide`, { decision: 'reject', all: true }, editor.token);
      assert.equal(reject.body.decided, 12);
      // The reviewer cannot decide; a viewer-free check that nothing is left to decide.
      const byReviewer = await server.api('POST', `/api/docs/${id}/suggestions/decide`, { decision: 'accept', all: true }, reviewer.token);
      assert.equal(byReviewer.status, 403);

      const finalVersion = reject.body.v;
      await waitFor(() => rDoc.version === finalVersion && eDoc.version === finalVersion,
        () => `both replicas at version ${finalVersion}: reviewer ${rDoc.version}, editor ${eDoc.version}`);
      const fetched = await freshFetch(server.wsUrl, id);
      assert.equal(canonical(rDoc.data), canonical(fetched.data), "the reviewer's replica");
      assert.equal(canonical(eDoc.data), canonical(fetched.data), "the editor's replica");
      const text = docText(fetched.data);
      for (let k = 0; k < 12; k++) {
        const accepted = k % 2 === 0;
        assert.equal(text.includes(`[i${k}]`), accepted, `[i${k}] ${accepted ? 'kept' : 'gone'}`);
        assert.equal(text.includes(words[k]), !accepted, `${words[k]} ${accepted ? 'deleted' : 'kept'}`);
        assert.ok(text.includes(`(e-${k})`), `the editor's (e-${k}) is untouched`);
      }
      assert.ok(fetched.data.ops.every((op) => !op.attributes?.suggestInsert && !op.attributes?.suggestDelete), 'no marks left');
      assert.deepEqual((await server.api('GET', `/api/docs/${id}/suggestions`, undefined, reviewer.token)).body.suggestions, []);
    }));

  it('the author withdraws their own suggestion; nobody else\'s', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const id = `withdraw-${seed}`;
    const other = await server.newUser('olga', { displayName: 'Olga Other' });
    const setup = await connect(server.wsUrl, 'admin');
    await createDoc(setup.doc(id), [{ insert: 'Text\n' }]);
    for (const person of [reviewer, other]) {
      await server.api('PUT', `/api/docs/${id}/access/${person.username}`, { role: 'reviewer' });
    }
    const r = await connect(server.wsUrlFor(reviewer.token), 'reviewer');
    const rDoc = r.doc(id);
    await subscribe(rDoc);
    await new Promise((resolve, reject) => rDoc.submitOp(
      [{ insert: 'Mine ', attributes: { suggestInsert: mark('w1', reviewer) } }], (err) => (err ? reject(err) : resolve())));
    const notHers = await server.api('POST', `/api/docs/${id}/suggestions/decide`, { decision: 'reject', ids: ['w1'] }, other.token);
    assert.deepEqual([notHers.status, notHers.body.error.code], [403, 'ERR_FORBIDDEN']);
    const accept = await server.api('POST', `/api/docs/${id}/suggestions/decide`, { decision: 'accept', ids: ['w1'] }, reviewer.token);
    assert.equal(accept.status, 403, 'a reviewer does not accept, even their own');
    const withdrawn = await server.api('POST', `/api/docs/${id}/suggestions/decide`, { decision: 'reject', ids: ['w1'] }, reviewer.token);
    assert.deepEqual([withdrawn.status, withdrawn.body.decided], [200, 1]);
    await waitFor(() => rDoc.version === withdrawn.body.v, 'the withdrawal to reach the reviewer');
    assert.equal(docText(rDoc.data), 'Text\n');
    const bad = await server.api('POST', `/api/docs/${id}/suggestions/decide`, { decision: 'maybe', all: true });
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'ERR_BAD_REQUEST']);
  });
});
