/**
 * Read-only documents: the API says `readOnly: true` for this user, or the server refuses an edit
 * with ERR_DOCUMENT_READ_ONLY. Either way the editor stops taking edits and says why, and after a
 * refusal the text is the server's again. (The server does not send either yet; the test fakes its
 * answers in the browser: the API reply through page.route, the refusal in the WebSocket proxy.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { docText, freshFetch } from '../e2e/client.mjs';
import {
  SKIP, STEP_MS, apiCreateDoc, editorText, enterName, eventually, newUser,
  useAppAndBrowser,
} from './support/harness.mjs';

const TEST_MS = 90_000;

describe('read-only', { skip: SKIP }, () => {
  const env = useAppAndBrowser('browser/read-only.test.mjs', 240);

  async function openDoc(user, id) {
    const page = await user.newPage();
    await page.goto(`${env.server.baseUrl}#/d/${encodeURIComponent(id)}`);
    await enterName(page, 'Gints');
    await page.locator('.ql-editor').waitFor({ timeout: STEP_MS });
    return page;
  }

  it('opens read-only when the API says so', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'For reading');
    const user = await newUser(env.browser);
    await user.context.route(`**/api/docs/${id}`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), readOnly: true } });
    });
    const page = await openDoc(user, id);
    await page.getByText('You can read this document but not edit it.').waitFor({ timeout: STEP_MS });
    assert.equal(await page.locator('.ql-editor').getAttribute('contenteditable'), 'false');
    assert.equal(await page.getByTestId('doc-title').evaluate((input) => input.readOnly), true);
    assert.equal(await page.getByRole('button', { name: 'Bold (Ctrl+B)' }).isDisabled(), true);
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });

  it('turns read-only when the server refuses an edit with ERR_DOCUMENT_READ_ONLY', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'Locked meanwhile');
    const user = await newUser(env.browser);
    const page = await openDoc(user, id);
    await page.locator('.ql-editor').click();
    await page.keyboard.type('Accepted.');
    await eventually(async () => docText((await freshFetch(env.server.wsUrl, id)).data), (text) => text === 'Accepted.\n',
      'the first edit on the server');

    user.refuseOpsWith('ERR_DOCUMENT_READ_ONLY');
    await page.keyboard.type(' Refused.');
    await page.getByText('You can read this document but not edit it.').waitFor({ timeout: STEP_MS });
    assert.equal(await page.locator('.ql-editor').getAttribute('contenteditable'), 'false');
    await eventually(() => editorText(page), (text) => text === 'Accepted.\n', 'the server\'s text back in the editor');
    assert.equal(docText((await freshFetch(env.server.wsUrl, id)).data), 'Accepted.\n');
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });
});
