/**
 * Offline editing: one of two editors loses its connection (its WebSocket closed and new ones refused,
 * the browser context offline), keeps typing while the other types too, sees "offline / reconnecting,
 * N unsent changes", comes back, and nothing is lost: both editors and the server end equal and hold
 * everything typed offline. Also: with a list of servers, a dead one is skipped.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freePort } from '../e2e/server.mjs';
import { docText, freshFetch } from '../e2e/client.mjs';
import {
  SKIP, STEP_MS, apiCreateDoc, apiShare, appUrl, connectionStatus, createAccount, editorText, eventually, newUser,
  screenshot, settled, useAppAndBrowser,
} from './support/harness.mjs';

const TEST_MS = 90_000;

describe('editing offline', { skip: SKIP }, () => {
  const env = useAppAndBrowser('browser/offline.test.mjs', 240);

  it('keeps what is typed offline and sends it on reconnect', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'Offline drafting');
    const chiara = await createAccount(env.server, 'Chiara');
    const dagny = await createAccount(env.server, 'Dagný');
    await apiShare(env.server, id, chiara.username, 'editor');
    await apiShare(env.server, id, dagny.username, 'editor');
    const docUrl = appUrl(env.server, `#/d/${encodeURIComponent(id)}`);
    const online = await newUser(env.browser, { account: chiara });
    const traveller = await newUser(env.browser, { account: dagny });
    const pageA = await online.newPage();
    const pageB = await traveller.newPage();
    await pageA.goto(docUrl);
    await pageB.goto(docUrl);
    await pageB.locator('.ql-editor').waitFor({ timeout: STEP_MS });
    await pageA.locator('.ql-editor').click();
    await pageA.keyboard.type('Shared start.', { delay: 10 });
    await pageA.keyboard.press('Enter');
    await eventually(() => editorText(pageB), (text) => text === 'Shared start.\n\n', 'the start at Dagný');
    await pageB.locator('.ql-editor').click();
    await pageB.keyboard.press('Control+End');

    await traveller.goOffline();
    await pageB.getByTestId('connection-status').and(pageB.locator('[data-kind="offline"], [data-kind="reconnecting"]'))
      .waitFor({ timeout: STEP_MS });
    const offlineText = 'Written on the train without a network.';
    await pageB.keyboard.type(offlineText, { delay: 15 });
    await pageB.keyboard.press('Enter');
    await pageB.keyboard.type('Second offline line.', { delay: 15 });
    // Meanwhile, online, at the start of the document.
    await pageA.keyboard.press('Control+Home');
    await pageA.keyboard.type('Online meanwhile. ', { delay: 15 });

    const status = await eventually(() => connectionStatus(pageB), (s) => s.kind === 'offline' && s.unsent > 0,
      'Dagný\'s status to say offline with unsent changes');
    assert.match(status.text, new RegExp(`^Offline, ${status.unsent} unsent changes?`));
    assert.deepEqual(await pageB.getByTestId('people').locator('li').allTextContents(), ['Dagný (you)'],
      'offline, nobody else is shown as present');
    await screenshot(pageB, 'offline');
    assert.doesNotMatch(docText((await freshFetch(env.server.wsUrl, id)).data), /train/, 'nothing reached the server yet');

    await traveller.goOnline();
    await Promise.all([settled(pageA, 30_000), settled(pageB, 30_000)]);
    const [textA, textB] = await eventually(async () => [await editorText(pageA), await editorText(pageB)],
      ([a, b]) => a === b, 'both editors to agree after the reconnect');
    assert.equal(textA, textB);
    assert.equal(textA, `Online meanwhile. Shared start.\n${offlineText}\nSecond offline line.\n`);
    assert.equal(docText((await freshFetch(env.server.wsUrl, id)).data), textA, 'the server has it all');
    await pageB.getByTestId('people').getByText('Chiara', { exact: true }).waitFor({ timeout: STEP_MS });
    assert.deepEqual([...online.pageErrors, ...traveller.pageErrors], []);
  });

  it('moves on to the next server of ?servers= when one is down', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'Two nodes, one down');
    // The client starts at a random entry: two of three are a port nobody listens on, so most runs
    // begin with a failed attempt and must rotate to the live node.
    const dead = `ws://127.0.0.1:${await freePort()}/ws`;
    const servers = [dead, env.server.wsUrl, `ws://127.0.0.1:${await freePort()}/ws`].join(',');
    const eero = await createAccount(env.server, 'Eero');
    await apiShare(env.server, id, eero.username, 'editor');
    const user = await newUser(env.browser, { account: eero });
    const page = await user.newPage();
    await page.goto(appUrl(env.server, `?servers=${encodeURIComponent(servers)}#/d/${encodeURIComponent(id)}`));
    await page.locator('.ql-editor').waitFor({ timeout: 30_000 });
    await page.locator('.ql-editor').click();
    await page.keyboard.type('Reached a live node.');
    await settled(page, 30_000);
    assert.equal(docText((await freshFetch(env.server.wsUrl, id)).data), 'Reached a live node.\n');
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });
});
