/**
 * What operators see (issue 9, first part): `/metrics` in Prometheus' text format with the server's
 * meters (connections, live documents, ops committed, submit-to-ack latency histogram, group-commit
 * batch size, store commit latency, presence messages, refused messages by code) beside Vert.x's own,
 * and `/health/live` and `/health/ready`. Values are read after real traffic from the stock client.
 *
 * Skipped on E2E_TARGET=ref: the stock ShareDB server has no metrics.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  RawSocket, TEST_TIMEOUT_MS, closeAllClients, closeAllRawSockets, connect, createDoc, submitOp, submitPresence,
  sleep, subscribe, subscribePresence,
} from './client.mjs';
import { IS_REF, armWatchdog, startServer } from './server.mjs';

armWatchdog(120, 'metrics.test.mjs');
const skip = IS_REF ? 'the stock ShareDB server has no metrics' : false;

/** The value of one sample line `name{labels} value`, or undefined. */
function sample(text, name, labels = '') {
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}} ` : `${name} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('metrics and health', () => {
  let server;
  before(async () => { if (!skip) server = await startServer(); }, { timeout: TEST_TIMEOUT_MS });
  after(async () => { closeAllClients(); closeAllRawSockets(); await server?.close(); });

  const scrape = async () => {
    const response = await fetch(`${server.baseUrl}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  it('counts connections, documents, ops, latencies, batches, presence and refusals', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    const before = await scrape();
    const committedBefore = sample(before, 'collab_ops_committed_total') ?? 0;
    const a = await connect(server.wsUrl, 'a');
    const b = await connect(server.wsUrl, 'b');
    const id = `metrics-${Date.now()}`;
    const docA = a.doc(id);
    await subscribe(docA);
    await createDoc(docA, [{ insert: 'Counted\n' }]);
    for (let i = 0; i < 20; i++) await submitOp(docA, [{ insert: `${i} ` }]);
    const presence = b.conn.getDocPresence('docs', id);
    await subscribe(b.doc(id));
    await subscribePresence(presence);
    await submitPresence(presence.create('p1'), { index: 0, length: 0 });
    const raw = new RawSocket(server.wsUrl);
    await raw.handshake();
    raw.send('{not json');
    await raw.next((m) => m.error?.code === 'ERR_MESSAGE_BADLY_FORMED', 'the refusal');

    const text = await scrape();
    assert.equal(sample(text, 'collab_connections'), 3, 'three connections open');
    assert.ok(sample(text, 'collab_live_documents') >= 1, 'a live document');
    assert.equal(sample(text, 'collab_ops_committed_total') - committedBefore, 21, 'the create and 20 edits');
    assert.ok(sample(text, 'collab_submit_ack_seconds_count') >= 21, 'each acknowledged op timed');
    assert.ok(text.includes('collab_submit_ack_seconds_bucket{le='), 'a latency histogram');
    assert.ok(sample(text, 'collab_commit_batch_ops_count') >= 1 && sample(text, 'collab_commit_batch_ops_sum') >= 21, 'batches');
    assert.ok(sample(text, 'collab_store_commit_seconds_count') >= 1, 'store commits timed');
    assert.ok(sample(text, 'collab_presence_messages_total') >= 1, 'presence counted');
    assert.ok(sample(text, 'collab_refused_messages_total', 'code="ERR_MESSAGE_BADLY_FORMED"') >= 1, 'refusals by code');
    assert.ok(/^vertx_http_server_requests_total\{/m.test(text), "Vert.x's own meters");

    raw.close();
    a.close();
    // The server sees the closes a moment later: poll the scrape until it counts them.
    let open = sample(await scrape(), 'collab_connections');
    for (const deadline = Date.now() + 10_000; open !== 1 && Date.now() < deadline; open = sample(await scrape(), 'collab_connections')) {
      await sleep(50);
    }
    assert.equal(open, 1, 'closed connections are counted');
  });

  it('liveness and readiness', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    for (const path of ['/health/live', '/health/ready', '/health']) {
      const response = await fetch(`${server.baseUrl}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal((await response.json()).status, 'UP', path);
    }
  });
});
