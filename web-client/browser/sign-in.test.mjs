/**
 * Signing in and out like a person does it: a link to a document leads to the sign-in page, a wrong
 * password says so, the right one goes on to that document; the user menu shows who is signed in and
 * signs out, which closes the realtime connection and returns to the sign-in page. A disabled account
 * is told so; guessing is throttled with a clear wait. When the session ends while the editor is open
 * (the server closes the socket with 4401), the sign-in page comes back, or, with edits unsent, the
 * page stays with a "sign in again" dialog after which those edits reach the server.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { docText, freshFetch } from '../e2e/client.mjs';
import {
  SKIP, STEP_MS, apiCreateDoc, apiShare, appUrl, createAccount, editorText, eventually, newUser, openAs,
  screenshot, settled, signInThroughPage, useAppAndBrowser,
} from './support/harness.mjs';

const TEST_MS = 90_000;

describe('signing in and out', { skip: SKIP }, () => {
  const env = useAppAndBrowser('browser/sign-in.test.mjs', 300);

  it('signs in on the sign-in page, goes on to the wanted document, and signs out', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'Nordic grid study');
    const ilse = await createAccount(env.server, 'Ilse Jansen', { organisation: 'Rijkswaterstaat', country: 'Netherlands' });
    await apiShare(env.server, id, ilse.username, 'editor');
    const user = await newUser(env.browser);
    const page = await user.newPage();

    // A link to the document, without a session: the sign-in page, which remembers the document.
    await page.goto(appUrl(env.server, `#/d/${encodeURIComponent(id)}`));
    await page.getByTestId('sign-in').waitFor({ timeout: STEP_MS });
    assert.match(page.url(), /#\/sign-in\?next=%2Fd%2F/);
    assert.equal(await page.getByTestId('connection-status').isVisible(), false, 'no connection before signing in');
    assert.equal(user.sockets.size, 0, 'no WebSocket opened without a session');
    await screenshot(page, 'sign-in');

    await signInThroughPage(page, ilse.username, 'not the password');
    await page.getByTestId('sign-in-error').getByText('Wrong username or password.').waitFor({ timeout: STEP_MS });
    assert.equal(await page.getByLabel('Password').inputValue(), '', 'the wrong password is cleared');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'sign-in-password');
    await screenshot(page, 'sign-in-wrong-password');

    await signInThroughPage(page, ilse.username, ilse.password);
    await page.waitForURL(new RegExp(`#/d/${id}$`), { timeout: STEP_MS });
    await page.locator('.ql-editor[contenteditable="true"]').waitFor({ timeout: STEP_MS });
    await settled(page);
    assert.equal(await page.getByTestId('user-name').textContent(), 'Ilse Jansen');
    await page.locator('.ql-editor').click();
    await page.keyboard.type('Signed in and typing.');
    await settled(page);
    assert.equal(docText((await freshFetch(env.server.wsUrl, id)).data), 'Signed in and typing.\n');
    await page.getByTestId('people').getByText('Ilse Jansen (you)').waitFor({ timeout: STEP_MS });

    // The user menu: who, where from, and sign out.
    await page.getByTestId('user-menu').click();
    await page.getByText('Username: ' + ilse.username).waitFor({ timeout: STEP_MS });
    assert.equal(await page.getByRole('link', { name: 'Users' }).isVisible(), false, 'only for administrators');
    await screenshot(page, 'user-menu');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('sign-in').waitFor({ timeout: STEP_MS });
    assert.equal(new URL(page.url()).hash, '#/sign-in');
    assert.equal(await page.getByTestId('user-menu').isVisible(), false);
    await eventually(() => user.sockets.size, (size) => size === 0, 'the realtime connection to close');
    assert.equal(await page.evaluate(async () => (await fetch('/api/session')).status), 401, 'the cookie is gone');

    // Still signed out after a reload, wherever the link points.
    await page.goto(appUrl(env.server, '#/'));
    await page.reload();
    await page.getByTestId('sign-in').waitFor({ timeout: STEP_MS });
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });

  it('returns to the sign-in page when the account is disabled while the editor is open (4401)', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'Short-lived access');
    const lauri = await createAccount(env.server, 'Lauri');
    await apiShare(env.server, id, lauri.username, 'editor');
    const { user, page } = await openAs(env, lauri, `#/d/${encodeURIComponent(id)}`);
    await page.locator('.ql-editor[contenteditable="true"]').waitFor({ timeout: STEP_MS });
    await settled(page);

    assert.equal((await env.server.api('PATCH', `/api/users/${lauri.username}`, { disabled: true })).status, 200);
    await page.getByTestId('sign-in').waitFor({ timeout: STEP_MS });
    await page.getByText('Your session has ended. Sign in again to continue where you were.').waitFor({ timeout: STEP_MS });
    assert.match(page.url(), /#\/sign-in\?next=%2Fd%2F/, 'signing in again goes back to the document');

    assert.equal((await env.server.api('PATCH', `/api/users/${lauri.username}`, { disabled: false })).status, 200);
    await signInThroughPage(page, lauri.username, lauri.password);
    await page.locator('.ql-editor[contenteditable="true"]').waitFor({ timeout: STEP_MS });
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });

  it('keeps unsent edits on the page when the session ends, and sends them after signing in again', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'Unsent at the end');
    const maija = await createAccount(env.server, 'Maija');
    await apiShare(env.server, id, maija.username, 'editor');
    const { user, page } = await openAs(env, maija, `#/d/${encodeURIComponent(id)}`);
    await page.locator('.ql-editor[contenteditable="true"]').waitFor({ timeout: STEP_MS });
    await settled(page);

    user.holdOps(true); // the server never hears of them: they stay unsent
    await page.locator('.ql-editor').click();
    await page.keyboard.type('Written as the session ran out.');
    await eventually(() => page.getByTestId('connection-status').evaluate((el) => Number(el.dataset.unsent)), (n) => n > 0,
      'an unsent edit');
    await user.closeSockets(4401, 'session expired');

    const dialog = page.getByTestId('sign-in-dialog');
    await dialog.waitFor({ timeout: STEP_MS });
    assert.equal(await editorText(page), 'Written as the session ran out.\n', 'the text stays on screen');
    assert.equal(await page.locator('.ql-editor').getAttribute('contenteditable'), 'false', 'no more typing meanwhile');
    assert.equal(await page.getByTestId('connection-status').getAttribute('data-kind'), 'signed-out');
    assert.equal(await dialog.getByLabel('Username').inputValue(), maija.username);
    await screenshot(page, 'sign-in-again');

    user.holdOps(false);
    await dialog.getByLabel('Password').fill(maija.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'detached', timeout: STEP_MS });
    await settled(page);
    await page.locator('.ql-editor[contenteditable="true"]').waitFor({ timeout: STEP_MS });
    assert.equal(docText((await freshFetch(env.server.wsUrl, id)).data), 'Written as the session ran out.\n');
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });

  // Last: the server throttles sign-ins per address too, and every test here comes from 127.0.0.1.
  it('tells a disabled account so, and throttles guessing with a clear wait', { timeout: TEST_MS }, async () => {
    const jonas = await createAccount(env.server, 'Jonas');
    const user = await newUser(env.browser);
    const page = await user.newPage();
    await page.goto(appUrl(env.server));
    await page.getByTestId('sign-in').waitFor({ timeout: STEP_MS });

    const disabled = await env.server.api('PATCH', `/api/users/${jonas.username}`, { disabled: true });
    assert.equal(disabled.status, 200);
    await signInThroughPage(page, jonas.username, jonas.password);
    await page.getByTestId('sign-in-error')
      .getByText('This account is disabled. Ask an administrator to enable it again.').waitFor({ timeout: STEP_MS });

    const kaisa = await createAccount(env.server, 'Kaisa');
    let message = '';
    for (let attempt = 1; attempt <= 8; attempt++) {
      // Submitting empties the message at once; the answer fills it again.
      await signInThroughPage(page, kaisa.username, `guess ${attempt}`);
      message = await eventually(() => page.getByTestId('sign-in-error').textContent(), (text) => text !== '',
        `the answer to attempt ${attempt}`);
      if (!message.startsWith('Wrong')) break;
    }
    assert.match(message, /^Too many attempts to sign in\. Try again in \d+ minutes?\.$/);
    await screenshot(page, 'sign-in-throttled');
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });
});
