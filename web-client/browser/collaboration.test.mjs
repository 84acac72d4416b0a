/**
 * Two people in two browser contexts, each signed in with their own account, edit one document:
 * created on the list page by one (its manager), shared with the other as editor, opened by URL by
 * the other; they type at the same time, in different paragraphs and in the same one, and end
 * with the same text as the server. Each sees the other's cursor and name, the list shows both online,
 * and a title edited by one is saved and listed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { docText, freshFetch } from '../e2e/client.mjs';
import {
  SKIP, STEP_MS, apiGet, apiShare, appUrl, createAccount, editorText, eventually, isSubsequence, newUser, screenshot,
  settled, useAppAndBrowser,
} from './support/harness.mjs';

const TEST_MS = 90_000;

/**
 * Waits until the remote caret labelled `name` is drawn at character `offset` of line `line` (0-based)
 * of the page's editor, i.e. the latest presence has arrived and been drawn.
 */
function caretDrawnAt(page, name, line, offset) {
  return page.waitForFunction(([who, lineIndex, charOffset]) => {
    const cursor = [...document.querySelectorAll('.ql-cursor')]
      .find((el) => el.querySelector('.ql-cursor-name')?.textContent === who);
    const block = document.querySelector('.ql-editor').children[lineIndex];
    if (!cursor || !block?.firstChild) return false;
    const range = document.createRange();
    range.setStart(block.firstChild, charOffset);
    range.collapse(true);
    const want = range.getBoundingClientRect();
    const caret = cursor.querySelector('.ql-cursor-caret').getBoundingClientRect();
    return Math.abs(caret.left - want.left) < 4 && Math.abs(caret.top - want.top) < 6;
  }, [name, line, offset], { timeout: STEP_MS });
}

describe('two people editing one document', { skip: SKIP }, () => {
  const env = useAppAndBrowser('browser/collaboration.test.mjs', 300);
  let aino;
  let ben;
  let pageA;
  let pageB;
  let docId;

  let ainoAccount;
  let benAccount;

  before(async () => {
    ainoAccount = await createAccount(env.server, 'Aino', { organisation: 'SYKE', country: 'Finland' });
    benAccount = await createAccount(env.server, 'Ben', { organisation: 'SLU', country: 'Sweden' });
    aino = await newUser(env.browser, { account: ainoAccount });
    ben = await newUser(env.browser, { account: benAccount });
  });

  after(() => {
    assert.deepEqual([...(aino?.pageErrors ?? []), ...(ben?.pageErrors ?? [])], [], 'uncaught errors in the pages');
  });

  /** Both editors show the same text and have nothing unsent; that text is the server's. */
  async function assertConverged() {
    await Promise.all([settled(pageA), settled(pageB)]);
    const text = await eventually(async () => [await editorText(pageA), await editorText(pageB)],
      ([a, b]) => a === b, 'both editors to show the same text');
    const serverDoc = await freshFetch(env.server.wsUrl, docId);
    assert.equal(docText(serverDoc.data), text[0], 'the server has what the editors show');
    return text[0];
  }

  it('one creates a document on the list page, shares it, the other opens it by URL', { timeout: TEST_MS }, async () => {
    pageA = await aino.newPage();
    await pageA.goto(appUrl(env.server));
    await pageA.getByLabel('Title of the new document').fill('Baltic fisheries');
    await pageA.getByRole('button', { name: 'Create document' }).click();
    await pageA.waitForURL(/#\/d\/[^/]+$/, { timeout: STEP_MS });
    docId = decodeURIComponent(new URL(pageA.url()).hash.replace('#/d/', ''));
    await pageA.locator('.ql-editor').waitFor({ timeout: STEP_MS });
    assert.equal(await pageA.getByTestId('doc-title').inputValue(), 'Baltic fisheries');
    assert.equal(await pageA.getByTestId('my-role').textContent(), 'Your role: Manager', 'the creator manages it');
    await apiShare(env.server, docId, benAccount.username, 'editor', ainoAccount.token);

    pageB = await ben.newPage();
    await pageB.goto(appUrl(env.server, `#/d/${encodeURIComponent(docId)}`));
    await pageB.locator('.ql-editor[contenteditable="true"]').waitFor({ timeout: STEP_MS });
    assert.equal(await pageB.getByTestId('my-role').textContent(), 'Your role: Editor');
    assert.equal(await pageB.getByTestId('doc-title').inputValue(), 'Baltic fisheries');
  });

  it('they type at the same time and end with the same text as the server', { timeout: TEST_MS }, async () => {
    await pageA.locator('.ql-editor').click();
    await pageA.keyboard.type('Alpha paragraph.', { delay: 10 });
    await pageA.keyboard.press('Enter');
    await pageA.keyboard.type('Beta paragraph.', { delay: 10 });
    await pageB.locator('.ql-editor').click();
    await eventually(() => editorText(pageB), (text) => text === 'Alpha paragraph.\nBeta paragraph.\n', 'Ben to see both paragraphs');

    // Different paragraphs: Aino at the end of the first, Ben at the end of the second.
    await pageA.keyboard.press('Control+Home');
    await pageA.keyboard.press('End');
    await pageB.keyboard.press('Control+End');
    const fromAino = ' Aino adds quotas for 2026.';
    const fromBen = ' Ben adds a note on herring.';
    await Promise.all([pageA.keyboard.type(fromAino, { delay: 25 }), pageB.keyboard.type(fromBen, { delay: 25 })]);
    const text = await assertConverged();
    assert.equal(text, `Alpha paragraph.${fromAino}\nBeta paragraph.${fromBen}\n`);

    // The same paragraph, the same place: the characters may interleave, but none is lost or reordered.
    await pageA.keyboard.press('Control+Home');
    await pageA.keyboard.press('End');
    await pageB.keyboard.press('Control+Home');
    await pageB.keyboard.press('End');
    const sameA = ' [aino 1 2 3]';
    const sameB = ' {ben 4 5 6}';
    await Promise.all([pageA.keyboard.type(sameA, { delay: 30 }), pageB.keyboard.type(sameB, { delay: 30 })]);
    const final = await assertConverged();
    const [first, second] = final.split('\n');
    assert.equal(first.length, `Alpha paragraph.${fromAino}`.length + sameA.length + sameB.length);
    assert.ok(isSubsequence(sameA, first), `Aino's "${sameA}" in "${first}"`);
    assert.ok(isSubsequence(sameB, first), `Ben's "${sameB}" in "${first}"`);
    assert.equal(second, `Beta paragraph.${fromBen}`);
  });

  it('each sees the other\'s cursor and name; the list shows both online', { timeout: TEST_MS }, async () => {
    await pageA.locator('.ql-cursor-name', { hasText: 'Ben' }).waitFor({ state: 'attached', timeout: STEP_MS });
    await pageB.locator('.ql-cursor-name', { hasText: 'Aino' }).waitFor({ state: 'attached', timeout: STEP_MS });
    await pageA.getByTestId('people').getByText('Ben', { exact: true }).waitFor({ timeout: STEP_MS });
    await pageB.getByTestId('people').getByText('Aino', { exact: true }).waitFor({ timeout: STEP_MS });
    assert.equal(await pageA.getByTestId('people').locator('li').first().textContent(), 'Aino (you)');

    // Move both cursors (a selection for Aino) so that each name flag is showing for the screenshots.
    await pageA.keyboard.press('Control+Home');
    await pageA.keyboard.press('Shift+Control+ArrowRight');
    await pageB.keyboard.press('Control+End');
    const lastLine = (await editorText(pageA)).split('\n').at(-2);
    await caretDrawnAt(pageA, 'Ben', 1, lastLine.length);
    await caretDrawnAt(pageB, 'Aino', 0, 'Alpha'.length);
    await pageA.locator('.ql-cursor-flag', { hasText: 'Ben' }).waitFor({ state: 'visible', timeout: STEP_MS });
    await pageB.locator('.ql-cursor-flag', { hasText: 'Aino' }).waitFor({ state: 'visible', timeout: STEP_MS });
    await screenshot(pageA, 'editor-aino');
    await screenshot(pageB, 'editor-ben');

    const listPage = await aino.newPage();
    await listPage.goto(appUrl(env.server));
    const row = listPage.locator(`tr[data-doc-id="${docId}"]`);
    await eventually(() => row.locator('.doc-list__online').textContent().catch(() => ''),
      (text) => text.includes('Aino') && text.includes('Ben'), 'the list to show Aino and Ben online', 30_000);
    assert.equal(await row.locator('.doc-list__role').textContent(), 'Manager');
    await screenshot(listPage, 'list');
    const listed = (await apiGet(env.server, '/api/docs?limit=10')).docs.find((doc) => doc.id === docId);
    assert.deepEqual(listed.online.map((person) => person.name).sort(), ['Aino', 'Ben']);
    await listPage.close();
  });

  it('a title edited by one is saved and shows in the list', { timeout: TEST_MS }, async () => {
    const title = pageB.getByTestId('doc-title');
    await title.fill('Baltic fisheries: recommendations');
    await title.press('Enter');
    await pageB.getByText('Title saved').waitFor({ timeout: STEP_MS });
    assert.equal((await apiGet(env.server, `/api/docs/${encodeURIComponent(docId)}`)).title, 'Baltic fisheries: recommendations');

    const listPage = await ben.newPage();
    await listPage.goto(appUrl(env.server));
    await listPage.locator(`tr[data-doc-id="${docId}"] a`, { hasText: 'Baltic fisheries: recommendations' })
      .waitFor({ timeout: STEP_MS });
    assert.equal(await listPage.locator(`tr[data-doc-id="${docId}"] .doc-list__role`).textContent(), 'Editor');
    await listPage.close();
  });
});
