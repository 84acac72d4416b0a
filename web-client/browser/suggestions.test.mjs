/**
 * Suggesting, in two browser contexts: a reviewer (Rita), whose editor always suggests, and an editor
 * (Eero). Rita types a sentence and deletes a word; Eero sees the insertion underlined and the deletion
 * struck through as she works, and both see them in the side list. Eero accepts one and rejects the
 * other through the server's API; both pages end with the server's text. Also: Rita withdraws her own
 * suggestion, Eero suggests himself (formatting off meanwhile) and decides by author, and a refused op
 * (ERR_SUGGESTIONS_ONLY) says so while the editor stays usable.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { docText, freshFetch } from '../e2e/client.mjs';
import {
  SKIP, STEP_MS, apiCreateDoc, apiShare, appUrl, createAccount, editorText, eventually, newUser, screenshot, settled,
  useAppAndBrowser,
} from './support/harness.mjs';

const TEST_MS = 90_000;
const START = 'The quick brown fox jumps.\n';

/** The suggestion marks in a page's editor: [{kind, text, author}] in document order. */
function marksIn(page) {
  return page.locator('.ql-editor').evaluate((editor) => [...editor.querySelectorAll('ins.suggest-insert, del.suggest-delete')]
    .map((node) => ({ kind: node.tagName === 'INS' ? 'insert' : 'delete', text: node.textContent,
      author: JSON.parse(node.dataset.suggestion).author })));
}

/** The side list: [{text, author}] as shown, in order. */
function listed(page) {
  return page.getByTestId('suggestions').locator('li').evaluateAll((items) => items.map((item) => ({
    text: item.querySelector('.suggestion__what').textContent,
    author: item.querySelector('.suggestion__author').textContent,
  })));
}

/** Joined text runs of the same kind and author, as a person reads them (Quill may split a run). */
function merged(marks) {
  const runs = [];
  for (const mark of marks) {
    const last = runs.at(-1);
    if (last && last.kind === mark.kind && last.author === mark.author) last.text += mark.text;
    else runs.push({ ...mark });
  }
  return runs;
}

describe('suggesting changes', { skip: SKIP }, () => {
  const env = useAppAndBrowser('browser/suggestions.test.mjs', 400);
  let rita;
  let eero;
  let ritaPage;
  let eeroPage;
  let ritaAccount;
  let eeroAccount;
  let docId;

  before(async () => {
    ritaAccount = await createAccount(env.server, 'Rita', { organisation: 'SYKE', country: 'Finland' });
    eeroAccount = await createAccount(env.server, 'Eero', { organisation: 'SYKE', country: 'Finland' });
    ({ id: docId } = await apiCreateDoc(env.server, 'Nutrient policy'));
    await apiShare(env.server, docId, ritaAccount.username, 'reviewer');
    await apiShare(env.server, docId, eeroAccount.username, 'editor');
    rita = await newUser(env.browser, { account: ritaAccount });
    eero = await newUser(env.browser, { account: eeroAccount });
  });

  after(() => {
    assert.deepEqual([...(rita?.pageErrors ?? []), ...(eero?.pageErrors ?? [])], [], 'uncaught errors in the pages');
  });

  async function open(user) {
    const page = await user.newPage();
    await page.goto(appUrl(env.server, `#/d/${encodeURIComponent(docId)}`));
    await page.locator('.ql-editor[contenteditable="true"]').waitFor({ timeout: STEP_MS });
    return page;
  }

  async function serverData() {
    return (await freshFetch(env.server.wsUrl, docId)).data;
  }

  /** Both pages settled, showing the same text as each other and the server; that text. */
  async function assertConverged() {
    await Promise.all([settled(ritaPage), settled(eeroPage)]);
    const [text] = await eventually(async () => [await editorText(ritaPage), await editorText(eeroPage)],
      ([a, b]) => a === b, 'both editors to show the same text');
    assert.equal(docText(await serverData()), text, 'the server has what the editors show');
    return text;
  }

  it('the editor writes the text; the reviewer\'s editor always suggests', { timeout: TEST_MS }, async () => {
    eeroPage = await open(eero);
    await eeroPage.locator('.ql-editor').click();
    await eeroPage.keyboard.type(START.trim(), { delay: 5 });
    await settled(eeroPage);

    ritaPage = await open(rita);
    await eventually(() => editorText(ritaPage), (text) => text === START, 'Rita to see the text');
    assert.equal(await ritaPage.getByTestId('my-role').textContent(), 'Your role: Reviewer');
    const toggle = ritaPage.getByTestId('suggest-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await toggle.getAttribute('aria-disabled'), 'true', 'a reviewer cannot switch it off');
    assert.equal(await ritaPage.getByRole('button', { name: 'Bold (Ctrl+B)' }).isDisabled(), true, 'formatting is off');
    assert.equal(await ritaPage.getByTestId('doc-title').evaluate((input) => input.readOnly), true);
    await ritaPage.getByText('As a reviewer you suggest changes', { exact: false }).waitFor({ timeout: STEP_MS });

    const eeroToggle = eeroPage.getByTestId('suggest-toggle');
    assert.equal(await eeroToggle.getAttribute('aria-pressed'), 'false', 'an editor edits directly until they switch');
    assert.equal(await eeroPage.getByRole('button', { name: 'Bold (Ctrl+B)' }).isDisabled(), false);
    assert.equal(await eeroPage.getByTestId('suggestions').locator('li').count(), 0);
    await eeroPage.getByText('No suggestions.').waitFor({ timeout: STEP_MS });
  });

  it('the reviewer types and deletes a word: the editor sees both live, and both list them', { timeout: TEST_MS }, async () => {
    await ritaPage.locator('.ql-editor').click();
    await ritaPage.keyboard.press('Control+End');
    await ritaPage.keyboard.type(' It was fast.', { delay: 15 });
    // Eero sees the insertion while Rita goes on.
    await eventually(() => marksIn(eeroPage), (marks) => merged(marks).some((m) => m.kind === 'insert' && m.text === ' It was fast.'),
      'Eero to see the suggested insertion');

    // "brown " is characters 10 to 16: Backspace six times from after it.
    await ritaPage.keyboard.press('Home');
    for (let i = 0; i < 16; i++) await ritaPage.keyboard.press('ArrowRight');
    for (let i = 0; i < 6; i++) await ritaPage.keyboard.press('Backspace', { delay: 10 });
    const expected = [
      { kind: 'delete', text: 'brown ', author: ritaAccount.username },
      { kind: 'insert', text: ' It was fast.', author: ritaAccount.username },
    ];
    await eventually(async () => merged(await marksIn(eeroPage)), (marks) => JSON.stringify(marks) === JSON.stringify(expected),
      'Eero to see the deletion struck through and the insertion underlined');
    assert.deepEqual(merged(await marksIn(ritaPage)), expected, 'Rita sees what she sent');
    // Nothing was removed: a deletion is only proposed.
    assert.equal(await assertConverged(), 'The quick brown fox jumps. It was fast.\n');

    // Each Backspace moved the caret left over the marked text: the next one goes on from there.
    assert.deepEqual(await ritaPage.evaluate(() => window.getSelection().toString()), '');
    const styles = await eeroPage.locator('.ql-editor').evaluate((editor) => ({
      insert: getComputedStyle(editor.querySelector('ins.suggest-insert')).textDecorationLine,
      delete: getComputedStyle(editor.querySelector('del.suggest-delete')).textDecorationLine,
    }));
    assert.deepEqual(styles, { insert: 'underline', delete: 'line-through' });

    const shown = [{ text: 'Delete: brown', author: 'Rita' }, { text: 'Insert: It was fast.', author: 'Rita' }];
    await eventually(() => listed(eeroPage), (items) => JSON.stringify(items) === JSON.stringify(shown), 'Eero\'s side list');
    await eventually(() => listed(ritaPage), (items) => JSON.stringify(items) === JSON.stringify(shown), 'Rita\'s side list');
    const eeroItem = eeroPage.getByTestId('suggestions').locator('li').first();
    assert.equal(await eeroItem.getByRole('button', { name: 'Accept' }).count(), 1);
    assert.equal(await eeroItem.getByRole('button', { name: 'Reject' }).count(), 1);
    const ritaItem = ritaPage.getByTestId('suggestions').locator('li').first();
    assert.equal(await ritaItem.getByRole('button', { name: 'Withdraw' }).count(), 1);
    assert.equal(await ritaItem.getByRole('button', { name: 'Accept' }).count(), 0, 'a reviewer does not decide');

    // The server's document has the same marks, in Rita's name.
    const server = (await serverData()).ops.filter((op) => op.attributes);
    assert.deepEqual(server.map((op) => [op.insert, Object.keys(op.attributes), Object.values(op.attributes)[0].author]), [
      ['brown ', ['suggestDelete'], ritaAccount.username],
      [' It was fast.', ['suggestInsert'], ritaAccount.username],
    ]);

    // Pressing a suggestion in the list selects its text in the editor.
    await eeroItem.locator('.suggestion__summary').click();
    assert.equal(await eeroPage.evaluate(() => window.getSelection().toString()), 'brown ');
    await screenshot(eeroPage, 'suggestions-editor');
    await screenshot(ritaPage, 'suggestions-reviewer');
  });

  it('the editor accepts the insertion and rejects the deletion; both end with the server\'s text', { timeout: TEST_MS }, async () => {
    const items = eeroPage.getByTestId('suggestions').locator('li');
    await items.filter({ hasText: 'Insert:' }).getByRole('button', { name: 'Accept' }).click();
    await eeroPage.getByText('1 suggestion accepted.').waitFor({ timeout: STEP_MS });
    await eventually(() => listed(ritaPage), (list) => list.length === 1, 'Rita\'s list to lose the accepted one');
    await items.filter({ hasText: 'Delete:' }).getByRole('button', { name: 'Reject' }).click();
    await eeroPage.getByText('1 suggestion rejected.').waitFor({ timeout: STEP_MS });
    for (const page of [eeroPage, ritaPage]) {
      await eventually(() => marksIn(page), (marks) => marks.length === 0, 'no marks left');
      await page.getByText('No suggestions.').waitFor({ timeout: STEP_MS });
    }
    assert.equal(await assertConverged(), 'The quick brown fox jumps. It was fast.\n');
    assert.ok((await serverData()).ops.every((op) => !op.attributes), 'no suggestion left on the server');
  });

  it('the reviewer withdraws a suggestion of her own; the editor accepts all of hers', { timeout: TEST_MS }, async () => {
    await ritaPage.locator('.ql-editor').click();
    await ritaPage.keyboard.press('Control+Home');
    await ritaPage.keyboard.type('Draft: ', { delay: 10 });
    await ritaPage.keyboard.press('End');
    await ritaPage.keyboard.press('Backspace'); // the full stop of "fast."
    await eventually(() => listed(eeroPage), (list) => list.length === 2, 'Eero to list Rita\'s two suggestions');

    const ritaItems = ritaPage.getByTestId('suggestions').locator('li');
    await ritaItems.filter({ hasText: 'Insert: Draft:' }).getByRole('button', { name: 'Withdraw' }).click();
    await ritaPage.getByText('Your suggestion was withdrawn.').waitFor({ timeout: STEP_MS });
    await eventually(() => listed(eeroPage), (list) => list.length === 1 && list[0].text === 'Delete: .', 'the withdrawn one gone');

    await eeroPage.getByRole('button', { name: 'Accept all' }).click();
    await eventually(() => listed(ritaPage), (list) => list.length === 0, 'nothing left to decide');
    assert.equal(await assertConverged(), 'The quick brown fox jumps. It was fast\n');
  });

  it('an editor suggests too when he switches it on, with formatting off; and decides by author', { timeout: TEST_MS }, async () => {
    const toggle = eeroPage.getByTestId('suggest-toggle');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await eeroPage.getByRole('button', { name: 'Bold (Ctrl+B)' }).isDisabled(), true);
    await eeroPage.locator('.ql-editor').click();
    await eeroPage.keyboard.press('Control+End');
    await eeroPage.keyboard.type(' Eero adds this.', { delay: 10 });
    // Formatting by keyboard is undone and explained.
    await eeroPage.keyboard.press('Shift+Home');
    await eeroPage.keyboard.press('Control+b');
    await eeroPage.getByText('Formatting cannot be suggested', { exact: false }).waitFor({ timeout: STEP_MS });
    assert.equal(await eeroPage.locator('.ql-editor strong').count(), 0);

    await ritaPage.locator('.ql-editor').click();
    await ritaPage.keyboard.press('Control+Home');
    await ritaPage.keyboard.type('Note: ', { delay: 10 });
    await eventually(() => listed(eeroPage), (list) => list.length === 2, 'suggestions by both');
    await eventually(() => listed(ritaPage), (list) => list.length === 2, 'Rita sees both');
    await eeroPage.getByRole('button', { name: 'Reject all by Eero' }).waitFor({ timeout: STEP_MS });
    await screenshot(eeroPage, 'suggestions-two-authors');
    await eeroPage.getByRole('button', { name: 'Reject all by Eero' }).click();
    await eventually(() => listed(eeroPage), (list) => list.length === 1 && list[0].author === 'Rita', 'only Rita\'s left');
    await eeroPage.getByRole('button', { name: 'Accept all' }).click();
    await eventually(() => listed(ritaPage), (list) => list.length === 0, 'nothing left');

    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await eeroPage.locator('.ql-editor').click();
    await eeroPage.keyboard.press('Control+End');
    await eeroPage.keyboard.type('!', { delay: 10 });
    assert.equal(await assertConverged(), 'Note: The quick brown fox jumps. It was fast!\n');
    assert.deepEqual(await marksIn(eeroPage), [], 'typed directly again');
  });

  it('an op refused with ERR_SUGGESTIONS_ONLY says so, and the reviewer goes on suggesting', { timeout: TEST_MS }, async () => {
    rita.refuseOpsWith('ERR_SUGGESTIONS_ONLY');
    await ritaPage.locator('.ql-editor').click();
    await ritaPage.keyboard.press('Control+End');
    await ritaPage.keyboard.type(' Refused', { delay: 10 });
    await ritaPage.getByText('Your change was refused: as a reviewer you can only suggest changes.').waitFor({ timeout: STEP_MS });
    await eventually(() => editorText(ritaPage), (text) => text === 'Note: The quick brown fox jumps. It was fast!\n',
      'the server\'s text back in Rita\'s editor');
    rita.refuseOpsWith(null);
    assert.equal(await ritaPage.locator('.ql-editor').getAttribute('contenteditable'), 'true');
    await ritaPage.locator('.ql-editor').click();
    await ritaPage.keyboard.press('Control+End');
    await ritaPage.keyboard.type(' Kept', { delay: 10 });
    await eventually(() => marksIn(eeroPage), (marks) => merged(marks).some((m) => m.text === ' Kept'), 'the next suggestion to arrive');
    assert.equal(await assertConverged(), 'Note: The quick brown fox jumps. It was fast! Kept\n');
  });
});
