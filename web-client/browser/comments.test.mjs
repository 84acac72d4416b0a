/**
 * Comment threads, in browser contexts: a reviewer (Rita) selects a passage and comments; the editor
 * (Eero) sees the highlight and the thread live and replies; Rita sees the reply live; Eero resolves it
 * (the highlight goes for both, the thread is under "Resolved"); Rita reopens it, Eero deletes the whole
 * passage, and Rita sees the thread detached with its quote. A viewer (Vera) reads the threads but is
 * offered no way to write. And the proof in one flow: a reviewer suggests and comments, an
 * editor accepts and resolves, seen live by both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  SKIP, STEP_MS, apiCreateDoc, apiShare, appUrl, createAccount, editorText, eventually, newUser, screenshot, settled,
  useAppAndBrowser,
} from './support/harness.mjs';

const TEST_MS = 90_000;
const START = 'Nitrogen loads must fall by half before 2030. Phosphorus follows.';

/** Selects the first occurrence of `text` in the page's editor (within one text node), as a mouse drag would. */
async function selectText(page, text) {
  await page.locator('.ql-editor').focus();
  const found = await page.locator('.ql-editor').evaluate((editor, wanted) => {
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
    return false;
  }, text);
  assert.ok(found, `"${text}" is in the editor`);
  await eventually(() => page.evaluate(() => window.getSelection().toString()), (s) => s === text, 'the selection');
  await page.waitForTimeout(100); // Quill reads the selection on selectionchange
}

/** The threads in a page's comment panel: [{quote, detached, resolved, messages: [{author, text}]}]. */
function threadsIn(page) {
  return page.getByTestId('comments').locator('li.comment-thread').evaluateAll((items) => items.map((item) => ({
    quote: item.querySelector('.comment-thread__quote-text').textContent,
    detached: item.dataset.detached === 'true',
    resolved: item.dataset.resolved === 'true',
    messages: [...item.querySelectorAll('.comment-message')].map((message) => ({
      author: message.querySelector('.comment-message__author').textContent,
      text: message.querySelector('.comment-message__text')?.textContent ?? '',
    })),
  })));
}

/** The highlighted text in a page's editor: the characters under the highlight boxes, per thread. */
function highlightCount(page) {
  return page.locator('.comment-highlight').count();
}

/** Writes a comment on the selected text through the toolbar button or the shortcut. */
async function comment(page, text, { byShortcut = true } = {}) {
  if (byShortcut) await page.keyboard.press('Control+Alt+m');
  else await page.getByTestId('comment-button').click();
  const composer = page.getByTestId('comment-composer');
  await composer.waitFor({ state: 'visible', timeout: STEP_MS });
  await composer.getByTestId('comment-text').fill(text);
  await composer.getByRole('button', { name: 'Comment' }).click();
  await composer.waitFor({ state: 'hidden', timeout: STEP_MS });
}

function card(page, quote) {
  return page.getByTestId('comments').locator('li.comment-thread').filter({ hasText: quote });
}

describe('comment threads', { skip: SKIP }, () => {
  const env = useAppAndBrowser('browser/comments.test.mjs', 400);
  let rita;
  let eero;
  let vera;
  let ritaPage;
  let eeroPage;
  let docId;

  before(async () => {
    const ritaAccount = await createAccount(env.server, 'Rita');
    const eeroAccount = await createAccount(env.server, 'Eero');
    const veraAccount = await createAccount(env.server, 'Vera');
    ({ id: docId } = await apiCreateDoc(env.server, 'Nutrient targets'));
    await apiShare(env.server, docId, ritaAccount.username, 'reviewer');
    await apiShare(env.server, docId, eeroAccount.username, 'editor');
    await apiShare(env.server, docId, veraAccount.username, 'viewer');
    rita = await newUser(env.browser, { account: ritaAccount });
    eero = await newUser(env.browser, { account: eeroAccount });
    vera = await newUser(env.browser, { account: veraAccount });
  });

  after(() => {
    assert.deepEqual([...(rita?.pageErrors ?? []), ...(eero?.pageErrors ?? []), ...(vera?.pageErrors ?? [])], [],
      'uncaught errors in the pages');
  });

  async function open(user, { editable = true } = {}) {
    const page = await user.newPage();
    await page.goto(appUrl(env.server, `#/d/${encodeURIComponent(docId)}`));
    await page.locator(`.ql-editor[contenteditable="${editable}"]`).waitFor({ timeout: STEP_MS });
    await page.getByTestId('comment-panel').waitFor({ timeout: STEP_MS });
    return page;
  }

  it('a reviewer comments on a passage; the editor sees the highlight and the thread live', { timeout: TEST_MS }, async () => {
    eeroPage = await open(eero);
    await eeroPage.locator('.ql-editor').click();
    await eeroPage.keyboard.type(START, { delay: 2 });
    await settled(eeroPage);
    ritaPage = await open(rita);
    await eventually(() => editorText(ritaPage), (text) => text === `${START}\n`, 'Rita to see the text');
    await ritaPage.getByText('No open comments.', { exact: false }).waitFor({ timeout: STEP_MS });

    await selectText(ritaPage, 'must fall by half');
    await comment(ritaPage, 'Is half enough? HELCOM says 60 %.');
    // Nothing in the text changed: the anchor is an attribute Quill never sees.
    assert.equal(await editorText(ritaPage), `${START}\n`);
    assert.equal(await ritaPage.locator('.ql-editor [class*="comment"]').count(), 0, 'no comment format in Quill\'s content');

    const expected = [{ quote: 'must fall by half', detached: false, resolved: false,
      messages: [{ author: 'Rita', text: 'Is half enough? HELCOM says 60 %.' }] }];
    await eventually(() => threadsIn(eeroPage), (threads) => JSON.stringify(threads) === JSON.stringify(expected), 'Eero\'s list');
    await eventually(() => threadsIn(ritaPage), (threads) => JSON.stringify(threads) === JSON.stringify(expected), 'Rita\'s list');
    await eventually(() => highlightCount(eeroPage), (count) => count > 0, 'the highlight in Eero\'s text');
    await eventually(() => highlightCount(ritaPage), (count) => count > 0, 'the highlight in Rita\'s text');

    // The highlight lies over the passage: its box covers where "fall" is drawn.
    const over = await eeroPage.evaluate(() => {
      const box = document.querySelector('.comment-highlight').getBoundingClientRect();
      const editor = document.querySelector('.ql-editor');
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      const node = walker.nextNode();
      const range = document.createRange();
      const at = node.data.indexOf('fall');
      range.setStart(node, at);
      range.setEnd(node, at + 4);
      const word = range.getBoundingClientRect();
      return word.left >= box.left - 1 && word.right <= box.right + 1 && word.top >= box.top - 2 && word.bottom <= box.bottom + 2;
    });
    assert.ok(over, 'the highlight covers the commented words');

    // Clicking in the highlighted text selects the thread.
    const fall = await eeroPage.locator('.comment-highlight').first().boundingBox();
    await eeroPage.mouse.click(fall.x + fall.width / 2, fall.y + fall.height / 2);
    await eventually(() => card(eeroPage, 'must fall by half').getAttribute('data-selected'), (v) => v === 'true', 'the thread selected');
    // Highlights are redrawn on the next animation frame: wait for it, as for any drawing.
    await eventually(() => eeroPage.locator('.comment-highlight[data-selected]').count(), (n) => n > 0, 'its passage shown more strongly');
    await screenshot(eeroPage, 'comments-panel-editor');
  });

  it('the editor replies; the reviewer sees the reply live', { timeout: TEST_MS }, async () => {
    const thread = card(eeroPage, 'must fall by half');
    await thread.getByLabel('Reply').fill('The 2021 plan says half; 60 % is the 2035 aim.');
    await thread.getByRole('button', { name: 'Reply', exact: true }).click();
    await eventually(async () => (await threadsIn(ritaPage))[0]?.messages, (messages) => messages?.length === 2
      && messages[1].author === 'Eero' && messages[1].text === 'The 2021 plan says half; 60 % is the 2035 aim.', 'Rita to see the reply');

    // Rita edits her own message; she is offered no edit of Eero's.
    const ritaThread = card(ritaPage, 'must fall by half');
    assert.equal(await ritaThread.getByRole('button', { name: 'Edit your message' }).count(), 1, 'only her own message');
    await ritaThread.getByRole('button', { name: 'Edit your message' }).click();
    await ritaThread.getByLabel('Your message').fill('Is half enough? HELCOM says 60 % by 2035.');
    await ritaThread.getByRole('button', { name: 'Save' }).click();
    await eventually(async () => (await threadsIn(eeroPage))[0]?.messages[0]?.text, (text) => text === 'Is half enough? HELCOM says 60 % by 2035.',
      'Eero to see the edit');
    await card(eeroPage, 'must fall by half').getByText('(edited)').waitFor({ timeout: STEP_MS });
    await screenshot(ritaPage, 'comments-panel-reviewer');
  });

  it('a viewer reads the threads and highlights but is offered no way to write', { timeout: TEST_MS }, async () => {
    const veraPage = await open(vera, { editable: false });
    await eventually(() => threadsIn(veraPage), (threads) => threads.length === 1 && threads[0].messages.length === 2, 'Vera\'s list');
    await eventually(() => highlightCount(veraPage), (count) => count > 0, 'the highlight for Vera');
    assert.equal(await veraPage.getByTestId('comment-button').isVisible(), false, 'no Comment button');
    const thread = card(veraPage, 'must fall by half');
    assert.equal(await thread.getByLabel('Reply').count(), 0, 'no reply box');
    assert.equal(await thread.getByRole('button', { name: 'Resolve' }).count(), 0, 'no Resolve');
    await veraPage.close();
  });

  it('the editor resolves it: the highlight goes for both, the thread is under "Resolved"', { timeout: TEST_MS }, async () => {
    await card(eeroPage, 'must fall by half').getByRole('button', { name: 'Resolve' }).click();
    for (const page of [eeroPage, ritaPage]) {
      await eventually(() => highlightCount(page), (count) => count === 0, 'no highlight left');
      await eventually(() => threadsIn(page), (threads) => threads.length === 0, 'nothing open');
    }
    await ritaPage.getByRole('button', { name: 'Resolved', exact: true }).click();
    await eventually(() => threadsIn(ritaPage), (threads) => threads.length === 1 && threads[0].resolved, 'the thread under Resolved');
    await card(ritaPage, 'must fall by half').getByText('Resolved by Eero').waitFor({ timeout: STEP_MS });
  });

  it('reopened, and its whole passage deleted: the reviewer sees it detached with its quote', { timeout: TEST_MS }, async () => {
    await card(ritaPage, 'must fall by half').getByRole('button', { name: 'Reopen' }).click();
    await eventually(() => highlightCount(eeroPage), (count) => count > 0, 'the highlight back for Eero');
    await ritaPage.getByRole('button', { name: 'Open', exact: true }).click();

    await selectText(eeroPage, 'must fall by half ');
    await eeroPage.keyboard.press('Backspace');
    await settled(eeroPage);
    await eventually(() => editorText(ritaPage), (text) => text === 'Nitrogen loads before 2030. Phosphorus follows.\n', 'the deletion');
    await eventually(() => threadsIn(ritaPage), (threads) => threads.length === 1 && threads[0].detached
      && threads[0].quote === 'must fall by half' && !threads[0].resolved, 'Rita to see the thread detached');
    await card(ritaPage, 'must fall by half').getByText('Detached: the text it was about was deleted.').waitFor({ timeout: STEP_MS });
    assert.equal(await highlightCount(ritaPage), 0, 'nothing left to highlight');
    await screenshot(ritaPage, 'comments-detached');
  });

  it('without a selection, Comment asks for one', { timeout: TEST_MS }, async () => {
    await ritaPage.locator('.ql-editor').click();
    await ritaPage.keyboard.press('Control+End');
    await ritaPage.keyboard.press('Control+Alt+m');
    await ritaPage.getByText('Select the text to comment on first.').waitFor({ timeout: STEP_MS });
  });
});

describe('the issue\'s proof: a reviewer suggests and comments, an editor accepts and resolves', { skip: SKIP }, () => {
  const env = useAppAndBrowser('browser/comments.test.mjs (proof)', 300);

  it('seen live by both', { timeout: TEST_MS }, async () => {
    const ritaAccount = await createAccount(env.server, 'Rita');
    const eeroAccount = await createAccount(env.server, 'Eero');
    const { id } = await apiCreateDoc(env.server, 'Fisheries policy');
    await apiShare(env.server, id, ritaAccount.username, 'reviewer');
    await apiShare(env.server, id, eeroAccount.username, 'editor');
    const rita = await newUser(env.browser, { account: ritaAccount });
    const eero = await newUser(env.browser, { account: eeroAccount });
    const open = async (user) => {
      const page = await user.newPage();
      await page.goto(appUrl(env.server, `#/d/${encodeURIComponent(id)}`));
      await page.locator('.ql-editor[contenteditable="true"]').waitFor({ timeout: STEP_MS });
      return page;
    };
    const eeroPage = await open(eero);
    await eeroPage.locator('.ql-editor').click();
    await eeroPage.keyboard.type('Quotas are set yearly.', { delay: 2 });
    await settled(eeroPage);
    const ritaPage = await open(rita);
    await eventually(() => editorText(ritaPage), (text) => text === 'Quotas are set yearly.\n', 'Rita to see the text');

    // Rita suggests an insertion and comments on a passage.
    await ritaPage.locator('.ql-editor').click();
    await ritaPage.keyboard.press('Control+End');
    await ritaPage.keyboard.type(' By ICES advice.', { delay: 5 });
    await selectText(ritaPage, 'set yearly');
    await comment(ritaPage, 'Should this be multiannual?', { byShortcut: false });
    const suggestions = (page) => page.getByTestId('suggestions').locator('li').count();
    await eventually(() => suggestions(eeroPage), (count) => count === 1, 'Eero to see the suggestion');
    await eventually(() => threadsIn(eeroPage), (threads) => threads.length === 1, 'Eero to see the thread');
    await eventually(() => highlightCount(eeroPage), (count) => count > 0, 'Eero to see the highlight');

    // Eero accepts and resolves; Rita sees both live.
    await eeroPage.getByTestId('suggestions').getByRole('button', { name: 'Accept' }).click();
    await card(eeroPage, 'set yearly').getByRole('button', { name: 'Resolve' }).click();
    await eventually(() => suggestions(ritaPage), (count) => count === 0, 'Rita to see the suggestion accepted');
    await eventually(() => threadsIn(ritaPage), (threads) => threads.length === 0, 'Rita to see the thread resolved');
    await eventually(() => highlightCount(ritaPage), (count) => count === 0, 'Rita\'s highlight gone');
    await settled(ritaPage);
    await settled(eeroPage);
    assert.equal(await editorText(ritaPage), 'Quotas are set yearly. By ICES advice.\n');
    assert.equal(await editorText(eeroPage), 'Quotas are set yearly. By ICES advice.\n');
    await ritaPage.getByRole('button', { name: 'All', exact: true }).click();
    await eventually(() => threadsIn(ritaPage), (threads) => threads.length === 1 && threads[0].resolved, 'the thread under All');
    await screenshot(ritaPage, 'comments-proof-reviewer');
    assert.deepEqual([...rita.pageErrors, ...eero.pageErrors], []);
  });
});
