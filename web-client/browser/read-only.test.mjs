/**
 * Who may do what with a document: viewers read it (the API says `readOnly: true` for them), reviewers
 * get an editor that only suggests (suggestions.test.mjs goes further), a refused edit (ERR_DOCUMENT_READ_ONLY, faked in the WebSocket proxy for an editor) also turns
 * the editor read-only and puts the server's text back, and someone the document is not shared with
 * sees that they have no access (from the API's 403 and from ShareDB's ERR_FORBIDDEN) instead of a
 * broken editor.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { docText, freshFetch } from '../e2e/client.mjs';
import {
  SKIP, STEP_MS, apiCreateDoc, apiShare, appUrl, createAccount, editorText, eventually, openAs,
  screenshot, useAppAndBrowser,
} from './support/harness.mjs';

const TEST_MS = 90_000;
const READ_ONLY = 'You can read this document but not edit it.';
const NO_ACCESS = 'You do not have access to this document; ask its manager to share it.';

describe('read-only and no access', { skip: SKIP }, () => {
  const env = useAppAndBrowser('browser/read-only.test.mjs', 240);

  async function openDoc(account, id) {
    const opened = await openAs(env, account, `#/d/${encodeURIComponent(id)}`);
    await opened.page.locator('.ql-editor').waitFor({ timeout: STEP_MS });
    return opened;
  }

  it('opens read-only for a viewer', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'For a viewer');
    const gints = await createAccount(env.server, 'Gints');
    await apiShare(env.server, id, gints.username, 'viewer');
    const { user, page } = await openDoc(gints, id);
    await page.getByText(READ_ONLY).waitFor({ timeout: STEP_MS });
    assert.equal(await page.locator('.ql-editor').getAttribute('contenteditable'), 'false');
    assert.equal(await page.getByTestId('doc-title').evaluate((input) => input.readOnly), true);
    assert.equal(await page.getByRole('button', { name: 'Bold (Ctrl+B)' }).isDisabled(), true);
    assert.equal(await page.getByTestId('suggest-toggle').isVisible(), false, 'a viewer does not suggest either');
    assert.equal(await page.getByTestId('my-role').textContent(), 'Your role: Viewer');
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });

  it('opens in suggesting mode for a reviewer: the text editable, formatting and the title not', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'For a reviewer');
    const gints = await createAccount(env.server, 'Gints');
    await apiShare(env.server, id, gints.username, 'reviewer');
    const { user, page } = await openDoc(gints, id);
    await page.locator('.ql-editor[contenteditable="true"]').waitFor({ timeout: STEP_MS });
    assert.equal(await page.getByText(READ_ONLY).count(), 0);
    assert.equal(await page.getByTestId('suggest-toggle').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByRole('button', { name: 'Bold (Ctrl+B)' }).isDisabled(), true);
    assert.equal(await page.getByTestId('doc-title').evaluate((input) => input.readOnly), true);
    assert.equal(await page.getByTestId('my-role').textContent(), 'Your role: Reviewer');
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });

  it('turns read-only when the server refuses an edit with ERR_DOCUMENT_READ_ONLY', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'Locked meanwhile');
    const gints = await createAccount(env.server, 'Gints');
    await apiShare(env.server, id, gints.username, 'editor');
    const { user, page } = await openDoc(gints, id);
    await page.locator('.ql-editor').click();
    await page.keyboard.type('Accepted.');
    await eventually(async () => docText((await freshFetch(env.server.wsUrl, id)).data), (text) => text === 'Accepted.\n',
      'the first edit on the server');

    user.refuseOpsWith('ERR_DOCUMENT_READ_ONLY');
    await page.keyboard.type(' Refused.');
    await page.getByText(READ_ONLY).waitFor({ timeout: STEP_MS });
    assert.equal(await page.locator('.ql-editor').getAttribute('contenteditable'), 'false');
    await eventually(() => editorText(page), (text) => text === 'Accepted.\n', 'the server\'s text back in the editor');
    assert.equal(docText((await freshFetch(env.server.wsUrl, id)).data), 'Accepted.\n');
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });

  it('says so when the document is not shared with this user', { timeout: TEST_MS }, async () => {
    const { id, title } = await apiCreateDoc(env.server, 'Not for everyone');
    const hanna = await createAccount(env.server, 'Hanna');
    const { user, page } = await openAs(env, hanna, `#/d/${encodeURIComponent(id)}`);
    await page.getByRole('alert').getByText(NO_ACCESS).waitFor({ timeout: STEP_MS });
    assert.equal(await page.locator('.ql-editor').count(), 0, 'no editor at all');
    assert.equal(await page.getByTestId('share-button').isVisible(), false);
    assert.ok(!(await page.locator('main').textContent()).includes(title), 'not even the title');
    await screenshot(page, 'no-access');

    // The list does not show it either.
    await page.goto(appUrl(env.server, '#/'));
    await page.getByText('No documents are shared with you yet.', { exact: false }).waitFor({ timeout: STEP_MS });
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });

  it('says so when ShareDB refuses the document with ERR_FORBIDDEN', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'Refused by the socket');
    const hanna = await createAccount(env.server, 'Hanna');
    await apiShare(env.server, id, hanna.username, 'editor');
    // The API lets her in (the share), the socket does not: as when access is taken away in between.
    const { user, page } = await openAs(env, hanna, '');
    await page.getByTestId('doc-list').waitFor({ timeout: STEP_MS });
    await env.server.api('DELETE', `/api/docs/${encodeURIComponent(id)}/access/${hanna.username}`);
    await user.context.route(`**/api/docs/${id}`, async (route) => {
      const response = await route.fetch();
      const body = response.status() === 403 ? { id, title: 'Refused by the socket', role: 'editor', readOnly: false, canShare: false }
        : await response.json();
      await route.fulfill({ status: 200, json: body });
    });
    await page.goto(appUrl(env.server, `#/d/${encodeURIComponent(id)}`));
    await page.getByRole('alert').getByText(NO_ACCESS).waitFor({ timeout: STEP_MS });
    assert.equal(await page.locator('.ql-editor').count(), 0);
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });
});
