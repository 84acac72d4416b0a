/**
 * What protects the server's pages and WebSocket from other sites: security headers on every HTTP
 * response (a content security policy, no sniffing, no framing), and the WebSocket refused to pages of
 * another origin (cross-site WebSocket hijacking) unless listed with --allowed-origins. Clients without
 * an Origin (scripts, the stock client in Node) and pages of the server itself are let in.
 *
 * Skipped on E2E_TARGET=ref: the stock server checks neither.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_TIMEOUT_MS, WebSocket } from './client.mjs';
import { IS_REF, armWatchdog, startServer } from './server.mjs';

armWatchdog(120, 'security.test.mjs');
const skip = IS_REF ? 'the stock ShareDB server sends no security headers and checks no origin' : false;

/** Opens a WebSocket with `origin` (or none): 'open', or the HTTP status of the refusal. */
function tryWebSocket(url, origin) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    const timer = setTimeout(() => { ws.terminate(); reject(new Error(`no answer from ${url}`)); }, 10_000);
    ws.on('open', () => { clearTimeout(timer); ws.close(); resolve('open'); });
    ws.on('unexpected-response', (request, response) => { clearTimeout(timer); resolve(response.statusCode); request.destroy(); });
    ws.on('error', () => {});
  });
}

describe('security', () => {
  let server;
  let listed;
  before(async () => {
    if (skip) return;
    server = await startServer();
    listed = await startServer({ extraArgs: ['--allowed-origins', 'https://partner.example,http://localhost:5173'] });
  }, { timeout: TEST_TIMEOUT_MS });
  after(async () => { await server?.close(); await listed?.close(); });

  it('every HTTP response carries the security headers', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    for (const path of ['/', '/assets/none.js', '/api/docs', '/api/docs/missing', '/health']) {
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, `${path}: CSP`);
      assert.match(csp, /frame-ancestors 'none'/, `${path}: no framing in the CSP`);
      assert.doesNotMatch(csp, /script-src[^;]*unsafe/, `${path}: no unsafe scripts`);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', `${path}: nosniff`);
      assert.equal(response.headers.get('x-frame-options'), 'DENY', `${path}: frame denial`);
    }
  });

  it('a page of another site cannot open the WebSocket; the server\'s own pages and non-browsers can',
    { timeout: TEST_TIMEOUT_MS, skip }, async () => {
      assert.equal(await tryWebSocket(server.wsUrl, 'https://evil.example'), 403, 'another site');
      assert.equal(await tryWebSocket(server.wsUrl, 'null'), 403, 'a sandboxed page');
      assert.equal(await tryWebSocket(server.wsUrl, `http://127.0.0.1:${server.port + 1}`), 403, 'another port');
      assert.equal(await tryWebSocket(server.wsUrl, `http://127.0.0.1:${server.port}`), 'open', 'the server\'s own page');
      assert.equal(await tryWebSocket(server.wsUrl, undefined), 'open', 'no Origin: not a browser');
    });

  it('--allowed-origins lets the listed pages in, and only them', { timeout: TEST_TIMEOUT_MS, skip }, async () => {
    assert.equal(await tryWebSocket(listed.wsUrl, 'https://partner.example'), 'open');
    assert.equal(await tryWebSocket(listed.wsUrl, 'http://localhost:5173'), 'open');
    assert.equal(await tryWebSocket(listed.wsUrl, 'https://partner.example.evil.example'), 403);
    assert.equal(await tryWebSocket(listed.wsUrl, 'http://partner.example'), 403, 'the scheme counts');
    assert.ok(/refused a WebSocket from a page of origin https:\/\/partner\.example\.evil\.example/.test(listed.output),
      'the refusal is logged');
  });
});
