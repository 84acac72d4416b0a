/**
 * Sharing through the Share dialog. A manager shares a document with a colleague as viewer; the
 * viewer's editor is read-only and shows the manager's typing live, and the viewer sees who has access
 * but cannot change it. The manager makes the viewer an editor: the server closes the viewer's socket
 * (4403), the viewer's page re-reads its role and the viewer can type. The last manager cannot demote
 * themselves. Taking access away shows the former viewer that they no longer have access.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { docText, freshFetch } from '../e2e/client.mjs';
import {
  SKIP, STEP_MS, createAccount, editorText, eventually, openAs, screenshot, settled, useAppAndBrowser,
} from './support/harness.mjs';

const TEST_MS = 90_000;
const READ_ONLY = 'You can read this document but not edit it.';

describe('sharing a document', { skip: SKIP }, () => {
  const env = useAppAndBrowser('browser/sharing.test.mjs', 300);
  let nora;
  let otto;
  let manager;
  let colleague;
  let docId;

  before(async () => {
    nora = await createAccount(env.server, 'Nora Lind', { organisation: 'Miljödepartementet', country: 'Sweden' });
    otto = await createAccount(env.server, 'Otto Berg', { organisation: 'Umweltbundesamt', country: 'Germany' });
  });

  after(() => {
    assert.deepEqual([...(manager?.user.pageErrors ?? []), ...(colleague?.user.pageErrors ?? [])], [],
      'uncaught errors in the pages');
  });

  /** The open Share dialog of `page`. */
  async function openShareDialog(page) {
    await page.getByTestId('share-button').click();
    const dialog = page.getByTestId('share-dialog');
    await dialog.getByTestId('share-list').locator('li').first().waitFor({ timeout: STEP_MS });
    return dialog;
  }

  it('a manager shares the document with a colleague as viewer', { timeout: TEST_MS }, async () => {
    manager = await openAs(env, nora, '');
    const page = manager.page;
    await page.getByLabel('Title of the new document').fill('Wolf management plan');
    await page.getByRole('button', { name: 'Create document' }).click();
    await page.waitForURL(/#\/d\/[^/]+$/, { timeout: STEP_MS });
    docId = decodeURIComponent(new URL(page.url()).hash.replace('#/d/', ''));
    await page.locator('.ql-editor[contenteditable="true"]').waitFor({ timeout: STEP_MS });

    const dialog = await openShareDialog(page);
    assert.deepEqual(await dialog.getByTestId('share-list').locator('.share__name').allTextContents(), ['Nora Lind (you)']);
    await dialog.getByLabel('Person', { exact: true }).selectOption(otto.username);
    await dialog.getByLabel('Role', { exact: true }).selectOption('viewer');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByText('Otto Berg added as Viewer.').waitFor({ timeout: STEP_MS });
    const ottoRow = dialog.locator(`li[data-username="${otto.username}"]`);
    assert.equal(await ottoRow.getByLabel('Role of Otto Berg').inputValue(), 'viewer');
    assert.match(await ottoRow.textContent(), /Umweltbundesamt, Germany/);
    await screenshot(page, 'share-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached', timeout: STEP_MS });

    const { body } = await env.server.api('GET', `/api/docs/${encodeURIComponent(docId)}/access`);
    assert.deepEqual(body.access.map((person) => [person.username, person.role]).sort(),
      [[nora.username, 'manager'], [otto.username, 'viewer']].sort());
  });

  it('the viewer reads along, read-only, and sees who has access without changing it', { timeout: TEST_MS }, async () => {
    colleague = await openAs(env, otto, `#/d/${encodeURIComponent(docId)}`);
    const page = colleague.page;
    await page.getByText(READ_ONLY).waitFor({ timeout: STEP_MS });
    assert.equal(await page.locator('.ql-editor').getAttribute('contenteditable'), 'false');
    assert.equal(await page.getByTestId('my-role').textContent(), 'Your role: Viewer');

    await manager.page.locator('.ql-editor').click();
    await manager.page.keyboard.type('Packs are counted each winter.', { delay: 10 });
    await eventually(() => editorText(page), (text) => text === 'Packs are counted each winter.\n',
      'the viewer to see the manager\'s typing');
    await page.getByTestId('people').getByText('Nora Lind', { exact: true }).waitFor({ timeout: STEP_MS });

    const dialog = await openShareDialog(page);
    await dialog.getByText('Only the document\'s managers can change who has access.').waitFor({ timeout: STEP_MS });
    assert.equal(await dialog.locator('select, button:has-text("Remove")').count(), 0, 'nothing to change');
    assert.deepEqual(await dialog.locator('.share__role-text').allTextContents(), ['Manager', 'Viewer']);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: STEP_MS });
  });

  it('made an editor, the colleague can type', { timeout: TEST_MS }, async () => {
    const dialog = await openShareDialog(manager.page);
    await dialog.getByLabel('Role of Otto Berg').selectOption('editor');
    await dialog.getByText('Otto Berg is now Editor.').waitFor({ timeout: STEP_MS });

    // The server closes Otto's socket (4403); his page re-reads his role and lets him edit.
    const page = colleague.page;
    await page.locator('.ql-editor[contenteditable="true"]').waitFor({ timeout: STEP_MS });
    assert.equal(await page.getByText(READ_ONLY).count(), 0, 'the read-only message is gone');
    assert.equal(await page.getByTestId('my-role').textContent(), 'Your role: Editor');
    await settled(page);
    await page.locator('.ql-editor').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Otto adds the 2026 count.', { delay: 10 });
    const expected = 'Packs are counted each winter. Otto adds the 2026 count.\n';
    await eventually(() => editorText(manager.page), (text) => text === expected, 'the manager to see Otto\'s typing');
    await settled(page);
    assert.equal(docText((await freshFetch(env.server.wsUrl, docId)).data), expected);

    // The last manager cannot make themselves something less.
    await dialog.getByLabel('Role of Nora Lind').selectOption('viewer');
    await dialog.getByTestId('share-error')
      .getByText('Not saved: a document needs at least one manager; make someone else manager first.').waitFor({ timeout: STEP_MS });
    assert.equal(await dialog.getByLabel('Role of Nora Lind').inputValue(), 'manager', 'the picker shows the role kept');
  });

  it('with access taken away, the colleague is told so', { timeout: TEST_MS }, async () => {
    const dialog = manager.page.getByTestId('share-dialog');
    await dialog.getByRole('button', { name: 'Remove Otto Berg' }).click();
    await dialog.getByText('Otto Berg no longer has access.').waitFor({ timeout: STEP_MS });
    assert.equal(await dialog.locator(`li[data-username="${otto.username}"]`).count(), 0);

    const page = colleague.page;
    await page.getByRole('alert').getByText('You do not have access to this document; ask its manager to share it.')
      .waitFor({ timeout: STEP_MS });
    assert.equal(await page.locator('.ql-editor').getAttribute('contenteditable'), 'false');
    assert.equal(await page.getByTestId('share-button').isVisible(), false);
    await screenshot(page, 'access-removed');
  });
});
