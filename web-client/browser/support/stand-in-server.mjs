/**
 * A stand-in for the Java server, for working on the web client without a jar: the stock ShareDB
 * server (in memory, rich-text, presence on) at /ws, the HTTP API of the contract (/api/docs…, with
 * "online" names taken from doc presence), /health, and static files from a directory (dist/).
 * Not a reference for the server's behaviour: the jar is what the browser tests check by default.
 *
 *   node browser/support/stand-in-server.mjs --port 8080 [--web-root dist]
 *
 * Prints `stand-in listening on 127.0.0.1:PORT` once it accepts connections.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebSocketJSONStream from '@teamwork/websocket-json-stream';
import richText from 'rich-text';
import ShareDB from 'sharedb';
import { WebSocketServer } from 'ws';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' }, 'web-root': { type: 'string' } } });
const port = Number(values.port);
const webRoot = values['web-root'] ? path.resolve(values['web-root']) : null;

ShareDB.types.register(richText.type);
const backend = new ShareDB({ presence: true, doNotForwardSendPresenceErrorsToClient: true });
const docs = new Map(); // id -> {id, title, updatedAt, version}
const online = new Map(); // "docs.<id>" -> Map("<clientId> <presenceId>" -> name)

backend.use('afterWrite', (context, next) => {
  const meta = docs.get(context.id);
  if (meta) { meta.updatedAt = Date.now(); meta.version = context.snapshot?.v ?? meta.version + 1; }
  next();
});
backend.use('receivePresence', (context, next) => {
  const { ch, id, p } = context.presence;
  const people = online.get(ch) ?? new Map();
  online.set(ch, people);
  const key = `${context.agent.clientId} ${id}`;
  if (p && typeof p.name === 'string') people.set(key, p.name); else people.delete(key);
  next();
});

const view = (meta) => ({
  ...meta,
  online: [...new Set(online.get(`docs.${meta.id}`)?.values() ?? [])].map((name) => ({ name })),
});

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
const fail = (res, status, code, message) => send(res, status, { error: { code, message } });

async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  try { return JSON.parse(text); } catch { return null; }
}

function validTitle(title) {
  return typeof title === 'string' && title.trim() !== '' && title.length <= 200;
}

async function api(req, res, url) {
  const match = /^\/api\/docs(?:\/([^/]+))?$/.exec(url.pathname);
  if (!match) return fail(res, 404, 'ERR_NOT_FOUND', 'No such route');
  const id = match[1] && decodeURIComponent(match[1]);
  if (!id && req.method === 'GET') {
    const limit = Number(url.searchParams.get('limit') || 50);
    const list = [...docs.values()].sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0)).slice(0, limit);
    return send(res, 200, { docs: list.map(view) });
  }
  if (!id && req.method === 'POST') {
    const body = await readBody(req);
    if (!validTitle(body?.title)) return fail(res, 400, 'ERR_BAD_REQUEST', 'title must be 1 to 200 characters');
    const meta = { id: crypto.randomBytes(8).toString('hex'), title: body.title.trim(), updatedAt: null, version: 1 };
    const doc = backend.connect().get('docs', meta.id);
    // Like the jar: a new document is one empty line, as Quill shows it.
    await new Promise((resolve, reject) => doc.create([{ insert: '\n' }], 'rich-text', (err) => (err ? reject(err) : resolve())));
    docs.set(meta.id, meta);
    return send(res, 201, view(meta));
  }
  const meta = docs.get(id);
  if (!meta) return fail(res, 404, 'ERR_DOC_DOES_NOT_EXIST', 'Document does not exist');
  if (req.method === 'GET') return send(res, 200, { ...view(meta), readOnly: false });
  if (req.method === 'PATCH') {
    const body = await readBody(req);
    if (!validTitle(body?.title)) return fail(res, 400, 'ERR_BAD_REQUEST', 'title must be 1 to 200 characters');
    meta.title = body.title.trim();
    return send(res, 200, view(meta));
  }
  return fail(res, 405, 'ERR_BAD_REQUEST', 'Method not allowed');
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
function serveStatic(res, url) {
  if (!webRoot) return fail(res, 404, 'ERR_NOT_FOUND', 'No web root');
  const file = path.join(webRoot, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
  const target = url.pathname.endsWith('/') ? path.join(file, 'index.html') : file;
  if (!target.startsWith(webRoot) || !fs.existsSync(target) || !fs.statSync(target).isFile()) {
    return fail(res, 404, 'ERR_NOT_FOUND', 'No such file');
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream' });
  return fs.createReadStream(target).pipe(res);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
  if (url.pathname.startsWith('/api/')) return api(req, res, url).catch((err) => fail(res, 500, 'ERR_INTERNAL', err.message));
  return serveStatic(res, url);
});
const wss = new WebSocketServer({ server, path: '/ws' });
wss.on('connection', (ws) => {
  const stream = new WebSocketJSONStream(ws);
  stream.on('error', () => ws.terminate());
  ws.on('error', () => ws.terminate());
  const agent = backend.listen(stream);
  ws.on('close', () => {
    for (const people of online.values()) {
      for (const key of people.keys()) if (key.startsWith(`${agent.clientId} `)) people.delete(key);
    }
  });
});

process.once('SIGTERM', () => process.exit(0));
process.once('SIGINT', () => process.exit(0));
server.listen(port, '127.0.0.1', () => console.log(`stand-in listening on 127.0.0.1:${port}`));
