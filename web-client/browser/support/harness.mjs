/**
 * Browser tests: Debian's Chromium driven by playwright-core against the server under test.
 *
 *   BROWSER_EXECUTABLE   Chromium to use (default /usr/bin/chromium); the tests skip when it is missing
 *   E2E_WEB_ROOT         serve this directory (e.g. dist after `npm run build`) with the jar's --web-root,
 *                        instead of the web client packed into the jar
 *   BROWSER_TARGET       'jar' (default, see e2e/server.mjs for E2E_JAR etc.) or 'stand-in'
 *                        (browser/support/stand-in-server.mjs: stock ShareDB + the HTTP API, no Java)
 *
 * The server starts with the administrator `admin` / TEST_ADMIN_PASSWORD (e2e/server.mjs) and signs in as
 * them (`server.adminToken`). Tests create their people with `createAccount` and open a browser context
 * already signed in as one (`newUser(browser, {account})`, the session cookie added to the context), or
 * sign in through the page like a person would (`signInThroughPage`).
 *
 * Every wait is bounded; screenshots go to target/browser-artifacts/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { closeAllClients } from '../../e2e/client.mjs';
import { HelperProcess, IS_REF, ServerUnderTest, TEST_ADMIN_PASSWORD, armWatchdog, freePort } from '../../e2e/server.mjs';

export { TEST_ADMIN_PASSWORD };

/** The session cookie the server sets on sign-in (HttpOnly, SameSite=Strict, path /). */
export const SESSION_COOKIE = 'collab_session';

const here = path.dirname(fileURLToPath(import.meta.url));
const WEB_CLIENT = path.resolve(here, '..', '..');
export const ARTIFACTS = path.join(WEB_CLIENT, 'target', 'browser-artifacts');
export const CHROMIUM = process.env.BROWSER_EXECUTABLE || '/usr/bin/chromium';
const TARGET = process.env.BROWSER_TARGET || 'jar';
const WEB_ROOT = process.env.E2E_WEB_ROOT ? path.resolve(process.env.E2E_WEB_ROOT) : null;

/** 'jar' or 'stand-in': what the browser tests run against. */
export const BROWSER_TARGET = TARGET;

/** A reason to skip a browser test file, or false. */
export const SKIP = !fs.existsSync(CHROMIUM)
  ? `no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set BROWSER_EXECUTABLE`
  : IS_REF && TARGET !== 'stand-in' ? 'E2E_TARGET=ref: the stock ShareDB server has no HTTP API and no web client'
    : false;

/** Bound of one wait for something the app shows. */
export const STEP_MS = 15_000;

/**
 * Call inside a describe(): starts the app server and Chromium before the suite's tests, and closes them
 * (and every stock client the tests opened) after. `server` and `browser` are set once started.
 */
export function useAppAndBrowser(file, watchdogSeconds = 240) {
  const env = { server: null, browser: null };
  before(async () => {
    armWatchdog(watchdogSeconds, file);
    env.server = await startAppServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    closeAllClients();
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/**
 * The server under test, serving the web client at `appUrl(server)` and ShareDB at `wsUrl`. With
 * `mongoUri` the jar keeps its data in that Mongo(-wire) database instead of a data dir; `extraArgs`
 * go on its command line (both for the jar only, not the stand-in).
 */
export async function startAppServer({ mongoUri = null, extraArgs = [] } = {}) {
  if (TARGET === 'stand-in' && (mongoUri || extraArgs.length)) throw new Error('the stand-in takes no mongoUri or extraArgs');
  for (let attempt = 1; ; attempt++) {
    const server = newAppServer(await freePort(), { mongoUri, extraArgs });
    try {
      await server.start();
    } catch (err) {
      await server.close();
      // Retried only when another process took the free port before the server could bind it.
      if (attempt < 3 && /EADDRINUSE|address already in use|BindException/i.test(server.outputTail(20))) continue;
      throw err;
    }
    // The jar's administrator is signed in by ServerUnderTest; the stand-in is a helper process to it.
    if (TARGET === 'stand-in') server.adminToken = (await server.signIn('admin', TEST_ADMIN_PASSWORD)).token;
    const page = await fetch(appUrl(server)).then(async (res) => (res.ok ? res.text() : `HTTP ${res.status}`), (err) => err.message);
    if (!page.includes('id="app"')) {
      await server.close();
      throw new Error(`GET / gives no web client (${page.slice(0, 80)}): build the jar with it packed, or `
        + 'run `npm run build` and set E2E_WEB_ROOT=dist');
    }
    return server;
  }
}

function newAppServer(port, { mongoUri, extraArgs }) {
  if (TARGET !== 'stand-in') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'collab-browser-'));
    return new ServerUnderTest({ port, dataDir, mongoUri, extraArgs: [...(WEB_ROOT ? ['--web-root', WEB_ROOT] : []), ...extraArgs] });
  }
  return new HelperProcess({
    name: 'stand-in server',
    port,
    cmd: process.execPath,
    args: [path.join(here, 'stand-in-server.mjs'), '--port', String(port), '--web-root', WEB_ROOT ?? path.join(WEB_CLIENT, 'dist')],
    ready: (proc) => proc.output.includes(`stand-in listening on 127.0.0.1:${port}`),
    readiness: 'its banner',
  });
}

/** The web client's URL on `server`, with a hash route (`#/d/<id>`…) if given. */
export function appUrl(server, hash = '') {
  return `http://127.0.0.1:${server.port}/${hash}`;
}

/** GET a path of the server's HTTP API as JSON, as the administrator unless `token` says who. */
export async function apiGet(server, apiPath, token = server.adminToken) {
  const { status, body } = await server.api('GET', apiPath, undefined, token);
  if (status !== 200) throw new Error(`GET ${apiPath}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Creates a document as `token`'s user (the administrator unless given), who becomes its manager. */
export async function apiCreateDoc(server, title, token = server.adminToken) {
  const { status, body } = await server.api('POST', '/api/docs', { title }, token);
  if (status !== 201) throw new Error(`POST /api/docs: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Gives `username` a role on a document, as `token`'s user (the administrator unless given). */
export async function apiShare(server, docId, username, role, token = server.adminToken) {
  const { status, body } = await server.api('PUT', `/api/docs/${encodeURIComponent(docId)}/access/${encodeURIComponent(username)}`,
    { role }, token);
  if (status !== 200) throw new Error(`sharing ${docId} with ${username}: ${status} ${JSON.stringify(body)}`);
  return body;
}

let accountCount = 0;

/**
 * A new account, created by the administrator (POST /api/users) and signed in through the API:
 * {username, password, displayName, token, user}. The username is made unique within the test run, so
 * tests of one file never collide; `displayName` is what co-authors see.
 */
export async function createAccount(server, displayName, { organisation = '', country = '', admin = false } = {}) {
  accountCount += 1;
  const base = displayName.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '').slice(0, 40) || 'user';
  const username = `${base}${accountCount}`;
  const password = `pw-${username}-0123456789`;
  const created = await server.api('POST', '/api/users', { username, password, displayName, organisation, country, admin });
  if (created.status !== 201) throw new Error(`creating ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  const { token, user } = await server.signIn(username, password);
  return { username, password, displayName, token, user };
}

/** The browser cookie that makes a context signed in as `account` (the test servers are on 127.0.0.1). */
export function sessionCookie(account) {
  return { name: SESSION_COOKIE, value: account.token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' };
}

/**
 * A browser context for one user, signed in as `account` (from createAccount) when given: its session
 * cookie is added to the context as the server would have set it. Its pages' ShareDB sockets run
 * through a switch: a proxy to the server while online; `goOffline()` closes them and refuses new ones (and sets the context offline)
 * until `goOnline()`. With `refuseOpsWith(code)` the proxy answers every op the page submits with
 * that error instead of passing it on, as a server refusing edits would; with `holdOps(true)` it drops
 * them (the page waits for an acknowledgement, so its edits stay unsent); `closeSockets(code)` closes
 * the page's sockets with a close code, as the server would. Uncaught page errors are
 * collected in `pageErrors`.
 */
export async function newUser(browser, { viewport = { width: 1280, height: 800 }, account = null } = {}) {
  const context = await browser.newContext({ viewport });
  if (account) await context.addCookies([sessionCookie(account)]);
  const user = { context, account, pageErrors: [], offline: false, refusal: null, holding: false, sockets: new Set() };
  await context.routeWebSocket(/\/ws$/, (ws) => {
    if (user.offline) { ws.close({ code: 4000, reason: 'offline' }).catch(() => {}); return; }
    const server = ws.connectToServer();
    const pair = { ws, server };
    ws.onMessage((message) => {
      const request = (user.refusal || user.holding) && typeof message === 'string' ? JSON.parse(message) : null;
      if (request?.a === 'op' && request.op && user.refusal) ws.send(JSON.stringify({ ...request, error: user.refusal }));
      else if (request?.a === 'op' && request.op && user.holding) { /* dropped: never acknowledged */ }
      else server.send(message);
    });
    user.sockets.add(pair);
    // With onClose handlers Playwright forwards no closure itself: each side closes the other, passing
    // on the close code (the server's 4401 and 4403 mean something to the app).
    ws.onClose((code, reason) => { user.sockets.delete(pair); server.close(closeArgs(code, reason)).catch(() => {}); });
    server.onClose((code, reason) => { user.sockets.delete(pair); ws.close(closeArgs(code, reason)).catch(() => {}); });
  });
  user.newPage = async () => {
    const page = await context.newPage();
    page.on('pageerror', (err) => user.pageErrors.push(err.message));
    // The server's content security policy must not block anything the app does.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) user.pageErrors.push(message.text());
    });
    return page;
  };
  user.goOffline = async () => {
    user.offline = true;
    await context.setOffline(true);
    for (const { ws, server } of [...user.sockets]) {
      await ws.close({ code: 4000, reason: 'offline' }).catch(() => {});
      await server.close().catch(() => {});
    }
    user.sockets.clear();
  };
  user.goOnline = async () => {
    user.offline = false;
    await context.setOffline(false);
  };
  user.refuseOpsWith = (code) => { user.refusal = code ? { code, message: `refused by the test: ${code}` } : null; };
  user.holdOps = (hold) => { user.holding = hold; };
  /** Closes every ShareDB socket of the context from the server's side with `code`, as the server would. */
  user.closeSockets = async (code, reason = '') => {
    for (const { ws, server } of [...user.sockets]) {
      await ws.close({ code, reason }).catch(() => {});
      await server.close().catch(() => {});
    }
  };
  return user;
}

/** A close code worth passing on (an application's 4000–4999 or a normal close), for WebSocketRoute.close. */
function closeArgs(code, reason) {
  return code === 1000 || (code >= 3000 && code <= 4999) ? { code, reason: reason ?? '' } : {};
}

/** A signed-in context for `account` with one page open at `hash` (the list unless given). */
export async function openAs(env, account, hash = '', options = {}) {
  const user = await newUser(env.browser, { ...options, account });
  const page = await user.newPage();
  await page.goto(appUrl(env.server, hash));
  return { user, page };
}

/** Signs in on the sign-in page the app shows, like a person: type both, press the button. */
export async function signInThroughPage(page, username, password) {
  const form = page.getByTestId('sign-in');
  await form.getByLabel('Username').fill(username, { timeout: STEP_MS });
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** The editor's text as the document has it: one line per block, each ending in a newline. */
export function editorText(page) {
  return page.locator('.ql-editor').evaluate((editor) => {
    const lines = [];
    for (const block of editor.children) {
      if (block.tagName === 'OL' || block.tagName === 'UL') for (const item of block.children) lines.push(item.textContent);
      else lines.push(block.textContent);
    }
    return `${lines.join('\n')}\n`;
  });
}

/** The connection indicator: {kind, unsent, text}. */
export function connectionStatus(page) {
  return page.getByTestId('connection-status').evaluate((el) => ({
    kind: el.dataset.kind, unsent: Number(el.dataset.unsent), text: el.querySelector('.connection__text').textContent,
  }));
}

/** Waits until the page is connected with nothing unacknowledged. */
export function settled(page, ms = STEP_MS) {
  return page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="connection-status"]');
    return el?.dataset.kind === 'connected' && el.dataset.unsent === '0';
  }, null, { timeout: ms });
}

/** Resolves with `fn()`'s value once `accept(value)` holds, polling every 100 ms for at most `ms`. */
export async function eventually(fn, accept, what, ms = STEP_MS) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await fn();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A PNG of what the page shows (all of it, scrolled or not, with `fullPage`). */
export async function screenshot(page, name, { fullPage = false } = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

/** True when the characters of `part` appear in `text` in order (other text may come in between). */
export function isSubsequence(part, text) {
  let at = 0;
  for (const ch of text) if (ch === part[at]) at++;
  return at === part.length;
}
