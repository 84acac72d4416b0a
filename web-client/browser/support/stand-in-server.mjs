/**
 * A stand-in for the Java server, for working on the web client without a jar: the stock ShareDB
 * server (in memory, rich-text, presence on) at /ws, the HTTP API of the contract (/api/session,
 * /api/users, /api/docs…, sharing with roles, "online" names taken from doc presence), /health, and
 * static files from a directory (dist/). Everything is in memory.
 *
 * Accounts: the administrator `admin` with the password COLLAB_ADMIN_PASSWORD (default
 * "stand-in-admin-password"). A session is a random token, set as the HttpOnly cookie `collab_session`
 * and accepted as a bearer token or `access_token` too. The WebSocket upgrade needs one (else 401);
 * ShareDB refuses documents not shared with the user (ERR_FORBIDDEN), edits by viewers
 * (ERR_DOCUMENT_READ_ONLY), and (ERR_SUGGESTIONS_ONLY) reviewers' ops that are not suggestions of their
 * own as well as anyone's op marking text with someone else's name. Suggestions are listed and decided
 * with GET /api/docs/:id/suggestions and POST /api/docs/:id/suggestions/decide. A user's sockets are
 * closed with 4403 when their access changes and 4401 when their account is disabled, as the server does.
 *
 * Not a reference for the server's behaviour (throttling per username only, no expiry, nothing persisted):
 * the jar is what the browser tests check by default.
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

const ROLES = ['manager', 'editor', 'reviewer', 'viewer'];
/** Roles that may not change the text directly (`readOnly` in the API); reviewers suggest. */
const READ_ONLY_ROLES = new Set(['reviewer', 'viewer']);
const DECIDING_ROLES = new Set(['manager', 'editor']);
const SUGGESTION_KEYS = ['suggestInsert', 'suggestDelete'];
const SESSION_COOKIE = 'collab_session';
const SESSION_SECONDS = 12 * 3600;
/** Wrong passwords in a row for one username before sign-ins are refused for THROTTLE_SECONDS. */
const FAILURES_BEFORE_THROTTLE = 5;
const THROTTLE_SECONDS = 900;

ShareDB.types.register(richText.type);
const { Delta } = richText;
const backend = new ShareDB({ presence: true, doNotForwardSendPresenceErrorsToClient: true });
const ownConnection = backend.connect(); // the stand-in's own edits (decided suggestions), unchecked
const docs = new Map(); // id -> {id, title, updatedAt, version}
const access = new Map(); // id -> Map(username -> role)
const online = new Map(); // "docs.<id>" -> Map("<clientId> <presenceId>" -> name)
const accounts = new Map(); // username -> {username, password, displayName, organisation, country, email, admin, disabled}
const sessions = new Map(); // token -> username
const sockets = new Map(); // username -> Set(ws)
const failures = new Map(); // username -> {count, until}

accounts.set('admin', { username: 'admin', password: process.env.COLLAB_ADMIN_PASSWORD || 'stand-in-admin-password',
  displayName: 'Administrator', organisation: '', country: '', email: '', admin: true, disabled: false });

// ---- who may do what ------------------------------------------------------------------------------------

/** The user's role on a document, or null; administrators manage every document. */
function roleOf(username, docId) {
  const role = access.get(docId)?.get(username);
  if (role) return role;
  return accounts.get(username)?.admin ? 'manager' : null;
}

/** Closes every socket of `username` with `code`, as the server does when their rights change. */
function closeSockets(username, code, reason) {
  for (const ws of sockets.get(username) ?? []) ws.close(code, reason);
}

backend.use('connect', (context, next) => {
  // Sockets carry their user (see the upgrade below); the stand-in's own connections have none.
  if (context.req?.username) context.agent.custom = { username: context.req.username };
  next();
});
backend.use('readSnapshots', (context, next) => {
  const username = context.agent.custom?.username;
  if (!username) return next();
  const refused = context.snapshots.find((snapshot) => !roleOf(username, snapshot.id));
  return refused ? next({ code: 'ERR_FORBIDDEN', message: 'this document has not been shared with you' }) : next();
});
backend.use('submit', (context, next) => {
  const username = context.agent.custom?.username;
  if (!username) return next();
  const role = roleOf(username, context.id);
  if (!role) return next({ code: 'ERR_FORBIDDEN', message: 'this document has not been shared with you' });
  if (role === 'viewer') return next({ code: 'ERR_DOCUMENT_READ_ONLY', message: 'you may read this document but not change it' });
  return next();
});
// After transformation, against the text it applies to: what a suggestion may be.
backend.use('apply', (context, next) => {
  const username = context.agent.custom?.username;
  if (!username || !context.op.op || !context.snapshot.type) return next();
  // After a transform the op is a Delta rather than the array the client sent.
  const problem = suggestionProblem(context.snapshot.data, new Delta(context.op.op).ops, username, roleOf(username, context.id));
  return next(problem ? { code: 'ERR_SUGGESTIONS_ONLY', message: problem } : undefined);
});
backend.use('afterWrite', (context, next) => {
  const meta = docs.get(context.id);
  if (meta) { meta.updatedAt = Date.now(); meta.version = context.snapshot?.v ?? meta.version + 1; }
  next();
});
backend.use('receivePresence', (context, next) => {
  const { ch, id, p } = context.presence;
  const username = context.agent.custom?.username;
  if (username && !roleOf(username, ch.replace(/^docs\./, ''))) return next({ code: 'ERR_FORBIDDEN', message: 'not shared' });
  const people = online.get(ch) ?? new Map();
  online.set(ch, people);
  const key = `${context.agent.clientId} ${id}`;
  if (p && typeof p.name === 'string') people.set(key, p.name); else people.delete(key);
  return next();
});

// ---- suggestions ------------------------------------------------------------------------------------------

const isSuggestion = (value) => value !== null && typeof value === 'object' && typeof value.id === 'string'
  && value.id.length > 0 && value.id.length <= 64 && typeof value.author === 'string' && typeof value.name === 'string'
  && Number.isFinite(value.at);

/**
 * Why an op may not be applied, or null: nobody marks text with someone else's name; a reviewer only
 * inserts text marked as their own suggestion, deletes only their own suggested text, and otherwise
 * only adds or removes their own deletion marks.
 */
function suggestionProblem(data, ops, username, role) {
  const reviewer = role === 'reviewer';
  const own = (value) => isSuggestion(value) && value.author === username;
  const iterator = Delta.Op.iterator(data.ops ?? []);
  for (const op of ops) {
    const attributes = op.attributes ?? {};
    for (const key of SUGGESTION_KEYS) {
      if (attributes[key] !== undefined && attributes[key] !== null && !own(attributes[key])) return `${key} must be your own`;
    }
    if (op.insert !== undefined) {
      if (reviewer && (!own(attributes.suggestInsert) || attributes.suggestDelete)) return 'reviewers insert suggestions only';
      continue;
    }
    for (let remaining = op.retain ?? op.delete; remaining > 0;) {
      const piece = iterator.next(remaining);
      const length = Delta.Op.length(piece);
      remaining -= length;
      if (!reviewer) continue;
      const current = piece.attributes ?? {};
      if (op.delete && !own(current.suggestInsert)) return 'reviewers delete their own suggestions only';
      for (const [key, value] of Object.entries(op.retain ? attributes : {})) {
        if (key !== 'suggestDelete' || (value === null && !own(current.suggestDelete))) return 'reviewers change suggestion marks of their own only';
      }
    }
  }
  return null;
}

/** The document's suggestions as the API lists them: one per kind and id, in document order. */
function listSuggestions(data) {
  const found = new Map();
  let index = 0;
  for (const op of data?.ops ?? []) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    for (const [kind, key] of [['insert', 'suggestInsert'], ['delete', 'suggestDelete']]) {
      const value = op.attributes?.[key];
      if (!isSuggestion(value)) continue;
      const known = found.get(`${kind} ${value.id}`);
      if (known) {
        known.length = index + length - known.index;
        known.text += typeof op.insert === 'string' ? op.insert : '';
      } else {
        found.set(`${kind} ${value.id}`, { id: value.id, kind, author: value.author, name: value.name, at: value.at, index, length,
          text: typeof op.insert === 'string' ? op.insert : '' });
      }
    }
    index += length;
  }
  return [...found.values()];
}

/** The op that accepts or rejects the chosen suggestions, and how many it decides. */
function decisionOp(data, decision, chosen) {
  const op = new Delta();
  const decided = new Set();
  for (const piece of data?.ops ?? []) {
    const length = Delta.Op.length(piece);
    const inserted = chosen(piece.attributes?.suggestInsert);
    const deleted = chosen(piece.attributes?.suggestDelete);
    if (inserted) decided.add(`insert ${piece.attributes.suggestInsert.id}`);
    if (deleted) decided.add(`delete ${piece.attributes.suggestDelete.id}`);
    if ((decision === 'accept' && deleted) || (decision === 'reject' && inserted)) op.delete(length);
    else if (inserted) op.retain(length, { suggestInsert: null });
    else if (deleted) op.retain(length, { suggestDelete: null });
    else op.retain(length);
  }
  return { op: op.chop(), decided: decided.size };
}

async function suggestionsApi(req, res, me, id, deciding) {
  const meta = docs.get(id);
  if (!meta) return fail(res, 404, 'ERR_DOC_DOES_NOT_EXIST', `there is no document ${id}`);
  const role = roleOf(me.username, id);
  if (!role) return fail(res, 403, 'ERR_FORBIDDEN', 'this document has not been shared with you; ask its manager');
  const doc = ownConnection.get('docs', id);
  await new Promise((resolve, reject) => doc.fetch((err) => (err ? reject(err) : resolve())));
  if (!deciding && req.method === 'GET') return send(res, 200, { suggestions: listSuggestions(doc.data) });
  if (!deciding || req.method !== 'POST') return fail(res, 405, 'ERR_BAD_REQUEST', 'Method not allowed');
  const body = await readBody(req);
  const ways = [Array.isArray(body?.ids) && body.ids.every((x) => typeof x === 'string'), typeof body?.author === 'string',
    body?.all === true].filter(Boolean).length;
  if (!['accept', 'reject'].includes(body?.decision) || ways !== 1) {
    return fail(res, 400, 'ERR_BAD_REQUEST', 'send a decision (accept or reject) and one of ids, author or all');
  }
  const chosen = (value) => isSuggestion(value)
    && (body.all === true || value.author === body.author || (Array.isArray(body.ids) && body.ids.includes(value.id)));
  if (!DECIDING_ROLES.has(role)) {
    const others = listSuggestions(doc.data).some((suggestion) => chosen(suggestion) && suggestion.author !== me.username);
    if (body.decision !== 'reject' || others) {
      return fail(res, 403, 'ERR_FORBIDDEN', 'only editors and managers accept or reject others\' suggestions');
    }
  }
  const { op, decided } = decisionOp(doc.data, body.decision, chosen);
  if (op.ops.length) await new Promise((resolve, reject) => doc.submitOp(op.ops, (err) => (err ? reject(err) : resolve())));
  return send(res, 200, { v: doc.version, decided });
}

// ---- HTTP ------------------------------------------------------------------------------------------------

const entry = (meta, username) => ({
  ...meta,
  online: [...new Set(online.get(`docs.${meta.id}`)?.values() ?? [])].map((name) => ({ name })),
  role: roleOf(username, meta.id),
});
const person = (account) => ({ username: account.username, displayName: account.displayName,
  organisation: account.organisation, country: account.country });
const fullPerson = (account) => ({ ...person(account), admin: account.admin, email: account.email, disabled: account.disabled });
const accessList = (docId) => [...(access.get(docId) ?? new Map())]
  .map(([username, role]) => ({ ...person(accounts.get(username)), role }));

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}
const fail = (res, status, code, message) => send(res, status, { error: { code, message } });

async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  try { return JSON.parse(text); } catch { return null; }
}

/** The session token of a request: the cookie, a bearer token or `access_token`. */
function tokenOf(req, url) {
  const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((part) => part.startsWith(`${SESSION_COOKIE}=`));
  if (cookie && cookie.length > SESSION_COOKIE.length + 1) return cookie.slice(SESSION_COOKIE.length + 1);
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return bearer ? bearer[1].trim() : url.searchParams.get('access_token');
}

/** The signed-in account, if the session is valid and the account enabled. */
function signedIn(req, url) {
  const account = accounts.get(sessions.get(tokenOf(req, url)));
  return account && !account.disabled ? account : null;
}

const validTitle = (title) => typeof title === 'string' && title.trim() !== '' && title.length <= 200;

async function sessionApi(req, res, url) {
  if (req.method === 'POST') {
    const body = await readBody(req);
    if (typeof body?.username !== 'string' || typeof body?.password !== 'string') {
      return fail(res, 400, 'ERR_BAD_REQUEST', 'send a JSON object with a string username and password');
    }
    const tries = failures.get(body.username) ?? { count: 0, until: 0 };
    if (tries.until > Date.now()) {
      res.setHeader('retry-after', String(Math.ceil((tries.until - Date.now()) / 1000)));
      return fail(res, 429, 'ERR_TOO_MANY_ATTEMPTS', 'too many failed sign-ins; try again later');
    }
    const account = accounts.get(body.username);
    if (!account || account.password !== body.password) {
      tries.count += 1;
      if (tries.count >= FAILURES_BEFORE_THROTTLE) Object.assign(tries, { count: 0, until: Date.now() + THROTTLE_SECONDS * 1000 });
      failures.set(body.username, tries);
      return fail(res, 401, 'ERR_UNAUTHENTICATED', 'wrong username or password');
    }
    failures.delete(body.username);
    if (account.disabled) return fail(res, 403, 'ERR_ACCOUNT_DISABLED', 'this account is disabled');
    const token = crypto.randomBytes(24).toString('base64url');
    sessions.set(token, account.username);
    return send(res, 200, { user: { ...person(account), admin: account.admin }, token, expiresInSeconds: SESSION_SECONDS },
      { 'set-cookie': `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${SESSION_SECONDS}; HttpOnly; SameSite=Strict` });
  }
  if (req.method === 'DELETE') {
    sessions.delete(tokenOf(req, url));
    res.writeHead(204, { 'set-cookie': `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict` });
    return res.end();
  }
  const account = signedIn(req, url);
  if (!account) return fail(res, 401, 'ERR_UNAUTHENTICATED', 'sign in first');
  return send(res, 200, { user: { ...person(account), admin: account.admin } });
}

async function usersApi(req, res, me, username) {
  if (!username && req.method === 'GET') {
    return send(res, 200, { users: [...accounts.values()].map(me.admin ? fullPerson : person) });
  }
  if (!me.admin) return fail(res, 403, 'ERR_FORBIDDEN', 'only administrators may do this');
  const body = await readBody(req);
  if (!username && req.method === 'POST') {
    const wrong = !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(body?.username ?? '') ? 'username'
      : typeof body.password !== 'string' || body.password.length < 10 || body.password.length > 1024 ? 'password'
        : typeof body.displayName !== 'string' || !body.displayName.trim() || body.displayName.length > 100 ? 'displayName' : null;
    if (wrong) return fail(res, 400, 'ERR_BAD_REQUEST', `${wrong} is not valid`);
    if (accounts.has(body.username)) return fail(res, 409, 'ERR_USER_EXISTS', `there is a user ${body.username} already`);
    const account = { username: body.username, password: body.password, displayName: body.displayName.trim(),
      organisation: body.organisation ?? '', country: body.country ?? '', email: body.email ?? '', admin: body.admin === true,
      disabled: false };
    accounts.set(account.username, account);
    return send(res, 201, { user: fullPerson(account) });
  }
  const account = accounts.get(username);
  if (!account) return fail(res, 404, 'ERR_USER_NOT_FOUND', `there is no user ${username}`);
  if (req.method !== 'PATCH') return fail(res, 405, 'ERR_BAD_REQUEST', 'Method not allowed');
  for (const field of ['displayName', 'organisation', 'country', 'email', 'password']) {
    if (typeof body?.[field] === 'string') account[field] = body[field];
  }
  if (typeof body?.admin === 'boolean') account.admin = body.admin;
  if (typeof body?.disabled === 'boolean') {
    account.disabled = body.disabled;
    if (account.disabled) closeSockets(username, 4401, 'account disabled');
  }
  return send(res, 200, { user: fullPerson(account) });
}

async function docsApi(req, res, url, me, id, sharingWith) {
  if (!id && req.method === 'GET') {
    const limit = Number(url.searchParams.get('limit') || 50);
    const list = [...docs.values()].filter((meta) => roleOf(me.username, meta.id))
      .sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0)).slice(0, limit);
    return send(res, 200, { docs: list.map((meta) => entry(meta, me.username)) });
  }
  if (!id && req.method === 'POST') {
    const body = await readBody(req);
    if (!validTitle(body?.title)) return fail(res, 400, 'ERR_BAD_REQUEST', 'title must be 1 to 200 characters');
    const meta = { id: crypto.randomBytes(8).toString('hex'), title: body.title.trim(), updatedAt: null, version: 1 };
    const doc = backend.connect().get('docs', meta.id);
    // Like the jar: a new document is one empty line, as Quill shows it.
    await new Promise((resolve, reject) => doc.create([{ insert: '\n' }], 'rich-text', (err) => (err ? reject(err) : resolve())));
    docs.set(meta.id, meta);
    access.set(meta.id, new Map([[me.username, 'manager']]));
    return send(res, 201, entry(meta, me.username));
  }
  const meta = docs.get(id);
  if (!meta) return fail(res, 404, 'ERR_DOC_DOES_NOT_EXIST', `there is no document ${id}`);
  const role = roleOf(me.username, id);
  if (!role) return fail(res, 403, 'ERR_FORBIDDEN', 'this document has not been shared with you; ask its manager');
  if (sharingWith === undefined && req.method === 'GET') {
    return send(res, 200, { ...entry(meta, me.username), readOnly: READ_ONLY_ROLES.has(role), canShare: role === 'manager' });
  }
  if (sharingWith === undefined && req.method === 'PATCH') {
    if (READ_ONLY_ROLES.has(role)) return fail(res, 403, 'ERR_DOCUMENT_READ_ONLY', 'you may read this document but not change it');
    const body = await readBody(req);
    if (!validTitle(body?.title)) return fail(res, 400, 'ERR_BAD_REQUEST', 'title must be 1 to 200 characters');
    meta.title = body.title.trim();
    return send(res, 200, entry(meta, me.username));
  }
  if (sharingWith === '' && req.method === 'GET') return send(res, 200, { role, access: accessList(id) });
  if (!sharingWith || !['PUT', 'DELETE'].includes(req.method)) return fail(res, 405, 'ERR_BAD_REQUEST', 'Method not allowed');
  if (role !== 'manager') return fail(res, 403, 'ERR_FORBIDDEN', 'only the document\'s managers may share it');
  const body = req.method === 'PUT' ? await readBody(req) : null;
  if (req.method === 'PUT' && !ROLES.includes(body?.role)) return fail(res, 400, 'ERR_BAD_REQUEST', 'unknown role');
  if (!accounts.has(sharingWith)) return fail(res, 404, 'ERR_USER_NOT_FOUND', `there is no user ${sharingWith}`);
  const roles = access.get(id);
  const next = new Map(roles);
  if (req.method === 'PUT') next.set(sharingWith, body.role); else next.delete(sharingWith);
  if (![...next.values()].includes('manager')) {
    return fail(res, 409, 'ERR_LAST_MANAGER', 'a document keeps at least one manager; make someone else manager first');
  }
  access.set(id, next);
  if (roles.get(sharingWith) !== next.get(sharingWith)) closeSockets(sharingWith, 4403, 'your access to a document changed');
  return send(res, 200, { role: roleOf(me.username, id), access: accessList(id) });
}

async function api(req, res, url) {
  if (url.pathname === '/api/session') return sessionApi(req, res, url);
  const me = signedIn(req, url);
  const users = /^\/api\/users(?:\/([^/]+))?$/.exec(url.pathname);
  const docsMatch = /^\/api\/docs(?:\/([^/]+)(?:\/access(?:\/([^/]*))?)?)?$/.exec(url.pathname);
  const suggestions = /^\/api\/docs\/([^/]+)\/suggestions(\/decide)?$/.exec(url.pathname);
  if (!users && !docsMatch && !suggestions) return fail(res, 404, 'ERR_NOT_FOUND', 'No such route');
  if (!me) return fail(res, 401, 'ERR_UNAUTHENTICATED', 'sign in first');
  if (users) return usersApi(req, res, me, users[1] && decodeURIComponent(users[1]));
  if (suggestions) return suggestionsApi(req, res, me, decodeURIComponent(suggestions[1]), Boolean(suggestions[2]));
  const id = docsMatch[1] && decodeURIComponent(docsMatch[1]);
  const sharingWith = url.pathname.endsWith('/access') ? '' : docsMatch[2] && decodeURIComponent(docsMatch[2]);
  return docsApi(req, res, url, me, id, sharingWith);
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

// ---- the ShareDB WebSocket: only with a session ----------------------------------------------------------

const wss = new WebSocketServer({
  server,
  path: '/ws',
  verifyClient: ({ req }, done) => {
    const account = signedIn(req, new URL(req.url, 'http://localhost'));
    if (!account) { done(false, 401, 'sign in first'); return; }
    req.username = account.username;
    done(true);
  },
});
wss.on('connection', (ws, req) => {
  const mine = sockets.get(req.username) ?? new Set();
  sockets.set(req.username, mine);
  mine.add(ws);
  const stream = new WebSocketJSONStream(ws);
  stream.on('error', () => ws.terminate());
  ws.on('error', () => ws.terminate());
  const agent = backend.listen(stream, req);
  ws.on('close', () => {
    mine.delete(ws);
    for (const people of online.values()) {
      for (const key of people.keys()) if (key.startsWith(`${agent.clientId} `)) people.delete(key);
    }
  });
});

process.once('SIGTERM', () => process.exit(0));
process.once('SIGINT', () => process.exit(0));
server.listen(port, '127.0.0.1', () => console.log(`stand-in listening on 127.0.0.1:${port}`));
