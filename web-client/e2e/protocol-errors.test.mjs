/**
 * Bad input on a raw WebSocket, after `init` and the `hs` handshake: each bad message gets a reply carrying
 * an `error` object with a string `code` starting with `ERR_` (protocol.md §3), and the connection is
 * still usable: `{"a":"pp"}` is answered with `{"a":"pp"}` afterwards.
 *
 * Some expectations are our server's only and are skipped on E2E_TARGET=ref, each saying why: the stock
 * server drops the connection on unparsable JSON, applies `[{"retain":-1}]` (quill-delta does not
 * validate), and serves any collection and the json0 type.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RawSocket, TEST_TIMEOUT_MS, closeAllRawSockets } from './client.mjs';
import { IS_REF, armWatchdog, startServer } from './server.mjs';

const JSON0_URI = 'http://sharejs.org/types/JSONv0';
const RICH_TEXT_URI = 'http://sharejs.org/types/rich-text/v1';
const onlyOurs = (why) => (IS_REF ? `stock ShareDB server: ${why}` : false);

armWatchdog(120, 'protocol-errors.test.mjs');

describe('protocol errors', () => {
  let server;
  let n = 0;
  const uniqueId = (what) => `${what}-${process.pid}-${Date.now()}-${++n}`;
  before(async () => { server = await startServer(); }, { timeout: TEST_TIMEOUT_MS });
  after(async () => { closeAllRawSockets(); await server?.close(); });

  /** A raw socket past the handshake. */
  async function open() {
    const raw = new RawSocket(server.wsUrl);
    await raw.handshake();
    return raw;
  }

  function assertError(reply, what) {
    assert.equal(typeof reply.error, 'object', `${what}: reply has an error object: ${JSON.stringify(reply)}`);
    assert.equal(typeof reply.error.code, 'string', `${what}: error.code is a string: ${JSON.stringify(reply)}`);
    assert.match(reply.error.code, /^ERR_/, `${what}: error.code`);
  }

  /** The connection still answers a ping, and with exactly {"a":"pp"}. */
  async function assertAlive(raw, what) {
    raw.send({ a: 'pp' });
    const pong = await raw.next((m) => m.a === 'pp', `{"a":"pp"} after ${what}`);
    assert.deepEqual(pong, { a: 'pp' }, `pong after ${what}`);
  }

  /** Sends a bad op and checks the error reply echoes it (a, c, d, seq), so the client can match it. */
  async function badOp(raw, op, what) {
    raw.send(op);
    const reply = await raw.next((m) => m.a === 'op' && m.d === op.d && (m.error !== undefined || m.seq === op.seq),
      `reply to ${what}`);
    assertError(reply, what);
    assert.equal(reply.c, op.c, `${what}: c echoed`);
    assert.equal(reply.d, op.d, `${what}: d echoed`);
    assert.equal(reply.seq, op.seq, `${what}: seq echoed`);
    return reply;
  }

  it('handshake: init, then hs with a string id and the json0 type URI', { timeout: TEST_TIMEOUT_MS }, async () => {
    const raw = new RawSocket(server.wsUrl);
    const hs = await raw.handshake();
    assert.equal(raw.init.protocol, 1);
    assert.equal(typeof raw.init.id, 'string');
    assert.equal(raw.init.type, JSON0_URI, 'init type is the json0 URI, whatever the server serves');
    assert.equal(hs.protocol, 1);
    assert.ok(hs.protocolMinor >= 2, `protocolMinor ${hs.protocolMinor}`);
    assert.equal(typeof hs.id, 'string');
    assert.ok(hs.id.length > 0);
    assert.equal(hs.type, JSON0_URI);
    await assertAlive(raw, 'the handshake');
    raw.close();
  });

  it('malformed JSON', { timeout: TEST_TIMEOUT_MS, skip: onlyOurs('closes the socket (1011) on unparsable JSON') },
    async () => {
      const raw = await open();
      raw.send('{"a":"f","c":"docs","d":');
      const reply = await raw.next((m) => m.error !== undefined, 'error reply to malformed JSON');
      assertError(reply, 'malformed JSON');
      await assertAlive(raw, 'malformed JSON');
      raw.close();
    });

  it('unknown action', { timeout: TEST_TIMEOUT_MS }, async () => {
    const raw = await open();
    raw.send({ a: 'zz-unknown', c: 'docs', d: 'x' });
    const reply = await raw.next((m) => m.a === 'zz-unknown', 'reply to an unknown action');
    assertError(reply, 'unknown action');
    await assertAlive(raw, 'an unknown action');
    raw.close();
  });

  it('op on a document that does not exist', { timeout: TEST_TIMEOUT_MS }, async () => {
    const raw = await open();
    await badOp(raw, { a: 'op', c: 'docs', d: uniqueId('missing'), v: 0, seq: 1, op: [{ insert: 'x' }] }, 'op on a missing doc');
    await assertAlive(raw, 'an op on a missing doc');
    raw.close();
  });

  it('op with a bad delta', { timeout: TEST_TIMEOUT_MS, skip: onlyOurs('applies [{"retain":-1}] and acks it') },
    async () => {
      const raw = await open();
      const d = uniqueId('bad-delta');
      raw.send({ a: 'op', c: 'docs', d, v: null, seq: 1, create: { type: 'rich-text', data: [{ insert: 'hei\n' }] } });
      const ack = await raw.next((m) => m.a === 'op' && m.d === d && m.seq === 1, 'ack of the create');
      assert.equal(ack.error, undefined, `create failed: ${JSON.stringify(ack)}`);
      assert.equal(ack.v, 0, 'a create acks v0');

      await badOp(raw, { a: 'op', c: 'docs', d, v: 1, seq: 2, op: [{ retain: -1 }] }, 'op [{"retain":-1}]');
      await assertAlive(raw, 'a bad delta');

      // Nothing of it was applied.
      raw.send({ a: 'f', c: 'docs', d });
      const fetched = await raw.next((m) => m.a === 'f' && m.d === d, 'fetch reply');
      assert.deepEqual(fetched.data, { v: 1, type: RICH_TEXT_URI, data: { ops: [{ insert: 'hei\n' }] } });
      raw.close();
    });

  it('op on a collection other than docs', { timeout: TEST_TIMEOUT_MS, skip: onlyOurs('serves any collection') },
    async () => {
      const raw = await open();
      await badOp(raw, {
        a: 'op', c: 'other', d: uniqueId('other'), v: null, seq: 1, create: { type: 'rich-text', data: [{ insert: 'x\n' }] },
      }, 'create in collection "other"');
      await assertAlive(raw, 'an op on collection "other"');
      raw.close();
    });

  it('create with type json0', { timeout: TEST_TIMEOUT_MS, skip: onlyOurs('has json0 registered and creates the doc') },
    async () => {
      const raw = await open();
      const d = uniqueId('json0');
      await badOp(raw, { a: 'op', c: 'docs', d, v: null, seq: 1, create: { type: 'json0', data: {} } }, 'create with json0');
      await assertAlive(raw, 'a json0 create');
      raw.send({ a: 'f', c: 'docs', d });
      const fetched = await raw.next((m) => m.a === 'f' && m.d === d, 'fetch reply');
      assert.equal(fetched.data?.type ?? null, null, `the json0 doc must not exist: ${JSON.stringify(fetched)}`);
      raw.close();
    });

  it('all of the above on one connection, which keeps working', { timeout: TEST_TIMEOUT_MS }, async () => {
    // The stock server survives all but malformed JSON; on ref only those are sent here.
    const raw = await open();
    const d = uniqueId('mixed');
    if (!IS_REF) {
      raw.send('not json at all');
      assertError(await raw.next((m) => m.error !== undefined, 'error reply to malformed JSON'), 'malformed JSON');
    }
    raw.send({ a: 'zz-unknown' });
    assertError(await raw.next((m) => m.a === 'zz-unknown', 'reply to an unknown action'), 'unknown action');
    await badOp(raw, { a: 'op', c: 'docs', d, v: 0, seq: 1, op: [{ insert: 'x' }] }, 'op on a missing doc');
    if (!IS_REF) {
      await badOp(raw, { a: 'op', c: 'other', d, v: null, seq: 2, create: { type: 'rich-text', data: [] } }, 'other');
      await badOp(raw, { a: 'op', c: 'docs', d, v: null, seq: 3, create: { type: 'json0', data: {} } }, 'json0');
    }
    // A good create after all that (seq keeps counting, gaps are normal) is acked at v0.
    raw.send({ a: 'op', c: 'docs', d, v: null, seq: 4, create: { type: RICH_TEXT_URI, data: [{ insert: 'ok\n' }] } });
    const ack = await raw.next((m) => m.a === 'op' && m.d === d && m.seq === 4, 'ack of a good create');
    assert.equal(ack.error, undefined, `good create failed: ${JSON.stringify(ack)}`);
    assert.equal(ack.v, 0);
    await assertAlive(raw, 'the mixed bag');
    raw.close();
  });
});
