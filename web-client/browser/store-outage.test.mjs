/**
 * The document store becomes unreachable while people edit: the Mongo-wire store under the jar is
 * stopped. The editor who keeps typing sees "Saving… (N waiting)" in the connection indicator (the
 * server's announcement on `status.<docId>`) and keeps the text; a second editor, past the server's
 * bound of unsaved edits (`--max-unsaved-ops 1`: the first editor's edit in flight fills it), sees
 * that their edit could not be kept and was undone. When the store is back both are "Connected" again,
 * and the server has everything accepted exactly once, the refused edit not at all.
 *
 * Only against the jar: the stand-in (and the stock ShareDB server) has no store to lose.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeAllClients, docText, freshFetch } from '../e2e/client.mjs';
import { armWatchdog, startWireStore } from '../e2e/server.mjs';
import {
  BROWSER_TARGET, SKIP, STEP_MS, apiCreateDoc, apiShare, appUrl, connectionStatus, createAccount, editorText, eventually,
  launchBrowser, newUser, openAs, screenshot, settled, signInThroughPage, startAppServer,
} from './support/harness.mjs';

const TEST_MS = 150_000;
/** The store is back: the driver notices within its heartbeat, and the server tries again within 2 s. */
const RECOVERY_MS = 60_000;
const BACKLOG_FULL = 'Your latest edit could not be kept: the server is already holding as many unsaved edits as it can '
  + 'until its storage is back. It was undone; please try again shortly.';

const skip = SKIP || (BROWSER_TARGET === 'stand-in' ? 'the stand-in has no store to lose' : false);

describe('the store unreachable while editing', { skip }, () => {
  const env = { store: null, server: null, browser: null };
  before(async () => {
    armWatchdog(300, 'browser/store-outage.test.mjs');
    env.store = await startWireStore({ persistent: true });
    // Writes give up on the unreachable store after 1.5 s instead of the driver's 30 s: quicker tries.
    env.server = await startAppServer({
      mongoUri: `${env.store.mongoUrl('collab')}?serverSelectionTimeoutMS=1500`,
      extraArgs: ['--max-unsaved-ops', '1'],
    });
    env.browser = await launchBrowser();
  });
  after(async () => {
    closeAllClients();
    await env.browser?.close();
    await env.server?.close();
    await env.store?.close();
  });

  it('says it is saving, keeps the text, refuses past the bound, and saves everything once when the store is back',
    { timeout: TEST_MS }, async () => {
      const { id } = await apiCreateDoc(env.server, 'Written through an outage');
      const hedda = await createAccount(env.server, 'Hedda');
      const ivo = await createAccount(env.server, 'Ivo');
      await apiShare(env.server, id, hedda.username, 'editor');
      await apiShare(env.server, id, ivo.username, 'editor');
      const docHash = `#/d/${encodeURIComponent(id)}`;

      // Hedda signs in on the page; Ivo is signed in already. Both are connected before the outage: a
      // new connection needs the store to check its session.
      const writer = await newUser(env.browser);
      const page = await writer.newPage();
      await page.goto(appUrl(env.server, docHash));
      await signInThroughPage(page, hedda.username, hedda.password);
      const editor = page.locator('.ql-editor[contenteditable="true"]');
      await editor.waitFor({ timeout: STEP_MS });
      const { user: second, page: pageB } = await openAs(env, ivo, docHash);
      await pageB.locator('.ql-editor[contenteditable="true"]').waitFor({ timeout: STEP_MS });
      await editor.click();
      await page.keyboard.type('Before the outage.', { delay: 10 });
      await settled(page);
      await eventually(() => editorText(pageB), (text) => text === 'Before the outage.\n', 'Ivo to see the start');

      await env.store.stop();
      const during = ' Typed while the store is down.';
      await page.keyboard.type(during, { delay: 15 });
      const saving = await eventually(() => connectionStatus(page), (s) => s.kind === 'saving',
        'Hedda\'s status to say the server is saving', 20_000);
      assert.match(saving.text, /^Saving… the server cannot reach its storage right now; your edits are kept and will be saved when it can \(\d+ waiting\)$/);
      assert.ok(saving.unsent >= 1, `her edits are unacknowledged meanwhile: ${JSON.stringify(saving)}`);
      assert.equal(await editorText(page), `Before the outage.${during}\n`, 'the text stays in her editor');
      await screenshot(page, 'store-outage-saving');
      // The longer text still fits a tablet held upright.
      await page.setViewportSize({ width: 768, height: 1024 });
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 0,
        'the page scrolls sideways at 768 px while saving');
      await screenshot(page, 'store-outage-saving-tablet');
      await page.setViewportSize({ width: 1280, height: 800 });

      // Hedda's edit in flight is all the server may hold: Ivo's is refused, and undone in his editor.
      await pageB.locator('.ql-editor').click();
      await pageB.keyboard.press('Control+Home');
      await pageB.keyboard.insertText('Refused. '); // one edit: keys typed during the undo would be edits of their own
      await pageB.getByText(BACKLOG_FULL).waitFor({ timeout: STEP_MS });
      await eventually(() => editorText(pageB), (text) => !text.includes('Refused.'), 'Ivo\'s refused edit to be undone');
      assert.equal(await pageB.locator('[data-topic="reloaded"]').count(), 0, 'one message about it, not two');
      await screenshot(pageB, 'store-outage-refused');
      assert.equal((await connectionStatus(page)).kind, 'saving', 'still saving meanwhile');

      await env.store.start();
      await settled(page, RECOVERY_MS);
      assert.equal((await connectionStatus(page)).text, 'Connected', 'back to the usual state once saved');
      const expected = `Before the outage.${during}\n`;
      const fetched = docText((await freshFetch(env.server.wsUrl, id)).data);
      assert.equal(fetched, expected, 'the server has everything typed, exactly once, and not the refused edit');
      await eventually(() => editorText(pageB), (text) => text === expected, 'Ivo to see it all');

      // Trying again once the store is back works.
      await pageB.keyboard.press('Control+Home');
      await pageB.keyboard.type('Accepted now. ', { delay: 10 });
      await settled(pageB, RECOVERY_MS);
      assert.equal(docText((await freshFetch(env.server.wsUrl, id)).data), `Accepted now. ${expected}`);
      assert.deepEqual([...writer.pageErrors, ...second.pageErrors], []);
    });
});
