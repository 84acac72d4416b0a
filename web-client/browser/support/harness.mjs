/**
 * Browser tests: Debian's Chromium driven by playwright-core against the server under test.
 *
 *   BROWSER_EXECUTABLE   Chromium to use (default /usr/bin/chromium); the tests skip when it is missing
 *   E2E_WEB_ROOT         serve this directory (e.g. dist after `npm run build`) with the jar's --web-root,
 *                        instead of the web client packed into the jar
 *   BROWSER_TARGET       'jar' (default, see e2e/server.mjs for E2E_JAR etc.) or 'stand-in'
 *                        (browser/support/stand-in-server.mjs: stock ShareDB + the HTTP API, no Java)
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
import { HelperProcess, IS_REF, ServerUnderTest, armWatchdog, freePort } from '../../e2e/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const WEB_CLIENT = path.resolve(here, '..', '..');
export const ARTIFACTS = path.join(WEB_CLIENT, 'target', 'browser-artifacts');
export const CHROMIUM = process.env.BROWSER_EXECUTABLE || '/usr/bin/chromium';
const TARGET = process.env.BROWSER_TARGET || 'jar';
const WEB_ROOT = process.env.E2E_WEB_ROOT ? path.resolve(process.env.E2E_WEB_ROOT) : null;

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

/** The server under test, serving the web client at `baseUrl` and ShareDB at `wsUrl`. */
export async function startAppServer() {
  for (let attempt = 1; ; attempt++) {
    const server = newAppServer(await freePort());
    try {
      await server.start();
    } catch (err) {
      await server.close();
      // Retried only when another process took the free port before the server could bind it.
      if (attempt < 3 && /EADDRINUSE|address already in use|BindException/i.test(server.outputTail(20))) continue;
      throw err;
    }
    server.baseUrl = `http://127.0.0.1:${server.port}/`;
    const page = await fetch(server.baseUrl).then(async (res) => (res.ok ? res.text() : `HTTP ${res.status}`), (err) => err.message);
    if (!page.includes('id="app"')) {
      await server.close();
      throw new Error(`GET / gives no web client (${page.slice(0, 80)}): build the jar with it packed, or `
        + 'run `npm run build` and set E2E_WEB_ROOT=dist');
    }
    return server;
  }
}

function newAppServer(port) {
  if (TARGET !== 'stand-in') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'collab-browser-'));
    return new ServerUnderTest({ port, dataDir, extraArgs: WEB_ROOT ? ['--web-root', WEB_ROOT] : [] });
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

/** GET a path of the server's HTTP API as JSON. */
export async function apiGet(server, apiPath) {
  const response = await fetch(new URL(apiPath, server.baseUrl));
  if (!response.ok) throw new Error(`GET ${apiPath}: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function apiCreateDoc(server, title) {
  const response = await fetch(new URL('/api/docs', server.baseUrl), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`POST /api/docs: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * A browser context for one user. Its pages' ShareDB sockets run through a switch: a proxy to the
 * server while online; `goOffline()` closes them and refuses new ones (and sets the context offline)
 * until `goOnline()`. With `refuseOpsWith(code)` the proxy answers every op the page submits with
 * that error instead of passing it on, as a server refusing edits would. Uncaught page errors are
 * collected in `pageErrors`.
 */
export async function newUser(browser, { viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport });
  const user = { context, pageErrors: [], offline: false, refusal: null, sockets: new Set() };
  await context.routeWebSocket(/\/ws$/, (ws) => {
    if (user.offline) { ws.close({ code: 4000, reason: 'offline' }).catch(() => {}); return; }
    const server = ws.connectToServer();
    const pair = { ws, server };
    ws.onMessage((message) => {
      const request = user.refusal && typeof message === 'string' ? JSON.parse(message) : null;
      if (request?.a === 'op' && request.op) ws.send(JSON.stringify({ ...request, error: user.refusal }));
      else server.send(message);
    });
    user.sockets.add(pair);
    // With onClose handlers Playwright forwards no closure itself: each side closes the other.
    ws.onClose(() => { user.sockets.delete(pair); server.close().catch(() => {}); });
    server.onClose(() => { user.sockets.delete(pair); ws.close().catch(() => {}); });
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
  return user;
}

/** Answers the first-visit name dialog. */
export async function enterName(page, name) {
  const dialog = page.getByTestId('name-dialog');
  await dialog.getByLabel('Display name').fill(name, { timeout: STEP_MS });
  await dialog.getByLabel('Display name').press('Enter');
  await dialog.waitFor({ state: 'detached', timeout: STEP_MS });
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

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** True when the characters of `part` appear in `text` in order (other text may come in between). */
export function isSubsequence(part, text) {
  let at = 0;
  for (const ch of text) if (ch === part[at]) at++;
  return at === part.length;
}
