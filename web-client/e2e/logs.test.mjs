/**
 * Structured logs (issue 9): with `--log-format json` every line the server writes is one JSON object
 * ({ts, level, logger, msg}); a line about a document carries its id (`doc`) and, when one person's
 * request is the subject, `user`; neither document content nor session tokens ever appear.
 *
 * Skipped on E2E_TARGET=ref: the stock ShareDB server logs as it likes.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { TEST_TIMEOUT_MS, closeAllClients, connect, createDoc, submitOp, subscribe } from './client.mjs';
import { IS_REF, armWatchdog, startServer } from './server.mjs';

armWatchdog(120, 'logs.test.mjs');
const skip = IS_REF ? 'the stock ShareDB server has its own logs' : false;

describe('structured logs', () => {
  let server;
  after(async () => { closeAllClients(); await server?.close(); });

  it('one JSON object a line, documents and people as fields, no content and no tokens', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    server = await startServer({ extraArgs: ['--log-format', 'json'] });
    const secret = 'CONFIDENTIAL-WORDING-4711';
    const reader = await server.newUser('lena', { displayName: 'Lena' });
    const client = await connect(server.wsUrl, 'admin');
    const id = `logged-${Date.now()}`;
    const doc = client.doc(id);
    await subscribe(doc);
    await createDoc(doc, [{ insert: `${secret}\n` }]);
    await submitOp(doc, [{ insert: `${secret} again ` }]);
    assert.equal((await server.api('PUT', `/api/docs/${id}/access/${reader.username}`, { role: 'viewer' })).status, 200);
    client.close();
    await server.stop();

    const lines = server.output.split('\n').filter((line) => line.trim() && !line.startsWith('[e2e]'));
    assert.ok(lines.length >= 4, `${lines.length} lines logged`);
    const records = lines.map((line) => {
      let record;
      assert.doesNotThrow(() => { record = JSON.parse(line); }, `not JSON: ${line}`);
      for (const field of ['ts', 'level', 'logger', 'msg']) assert.equal(typeof record[field], 'string', `${field} in ${line}`);
      return record;
    });
    const shared = records.find((r) => r.logger.endsWith('SharingApi'));
    assert.deepEqual([shared?.doc, shared?.user], [id, 'admin'], 'the sharing line names the document and who shared it');
    assert.match(shared.msg, /made 'lena' viewer/);
    const everything = server.output;
    assert.ok(!everything.includes(secret), 'no document content in the log');
    for (const token of [server.adminToken, reader.token]) assert.ok(!everything.includes(token.split('.')[2]), 'no token in the log');
  });
});
