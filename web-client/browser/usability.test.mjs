/**
 * Usable by keyboard alone and on a tablet. The basic flow without a mouse: name, Tab to the new
 * document's title, type, Enter; Tab into the text, type, Ctrl+B for bold, Ctrl+K for a link, Escape
 * to the toolbar for a heading. Focus is visible, every control has an accessible name, and the pages
 * fit a tablet's screen.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshFetch } from '../e2e/client.mjs';
import {
  SKIP, STEP_MS, apiCreateDoc, enterName, newUser, screenshot, settled,
  useAppAndBrowser,
} from './support/harness.mjs';

const TEST_MS = 90_000;

/** Presses Tab until `isTarget(document.activeElement)` holds in the page; fails after `max` presses. */
async function tabTo(page, isTarget, what, max = 30) {
  for (let presses = 0; presses < max; presses++) {
    if (await page.evaluate(isTarget)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${what} not reached with ${max} Tab presses`);
}

describe('keyboard and tablet', { skip: SKIP }, () => {
  const env = useAppAndBrowser('browser/usability.test.mjs', 240);

  it('creates a document and formats text without a mouse', { timeout: TEST_MS }, async () => {
    const user = await newUser(env.browser);
    const page = await user.newPage();
    await page.goto(env.server.baseUrl);

    // The name dialog has the focus.
    await page.getByTestId('name-dialog').waitFor({ timeout: STEP_MS });
    await page.keyboard.type('Eero');
    await page.keyboard.press('Enter');
    await page.getByTestId('name-dialog').waitFor({ state: 'detached', timeout: STEP_MS });

    await tabTo(page, () => document.activeElement?.dataset.testid === 'new-title', 'the new document\'s title');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused field shows a focus outline');
    await page.keyboard.type('Keyboard memo');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/d\//, { timeout: STEP_MS });
    await page.locator('.ql-editor').waitFor({ timeout: STEP_MS });
    const id = decodeURIComponent(new URL(page.url()).hash.replace('#/d/', ''));

    await tabTo(page, () => document.activeElement?.classList.contains('ql-editor'), 'the editor');
    await page.keyboard.type('Plain ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('bold');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' again');
    await page.locator('.ql-editor strong', { hasText: 'bold' }).waitFor({ timeout: STEP_MS });
    await settled(page);

    const doc = await freshFetch(env.server.wsUrl, id);
    assert.deepEqual(doc.data.ops, [
      { insert: 'Plain ' }, { insert: 'bold', attributes: { bold: true } }, { insert: ' again\n' },
    ]);

    // Ctrl+K on the selected word opens the link dialog.
    await page.keyboard.press('Shift+Control+ArrowLeft');
    await page.keyboard.press('Control+k');
    const linkField = page.getByLabel('Web address (URL)');
    await linkField.waitFor({ timeout: STEP_MS });
    assert.equal(await page.evaluate(() => document.activeElement?.type), 'url', 'the dialog has the focus');
    await page.keyboard.type('europa.eu');
    await page.keyboard.press('Enter');
    await page.locator('.ql-editor a[href="https://europa.eu/"]').waitFor({ timeout: STEP_MS });

    // Escape moves to the toolbar, whose first button makes the line a heading.
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Heading 1');
    await page.keyboard.press('Enter');
    await page.locator('.ql-editor h1').waitFor({ timeout: STEP_MS });
    await settled(page);
    const formatted = await freshFetch(env.server.wsUrl, id);
    assert.deepEqual(formatted.data.ops, [
      { insert: 'Plain ' }, { insert: 'bold', attributes: { bold: true } }, { insert: ' ' },
      { insert: 'again', attributes: { link: 'https://europa.eu/' } }, { insert: '\n', attributes: { header: 1 } },
    ]);

    // Tab leaves the editor (no keyboard trap): the focus moves on to the next control.
    await page.locator('.ql-editor').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('ql-editor')), false);

    // The name can be changed from the header, and is kept.
    await page.getByRole('button', { name: 'Change name' }).focus();
    await page.keyboard.press('Enter');
    const nameField = page.getByTestId('name-dialog').getByLabel('Display name');
    assert.equal(await nameField.inputValue(), 'Eero');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Eero V.');
    await page.keyboard.press('Enter');
    await page.getByTestId('user-name').getByText('Eero V.').waitFor({ timeout: STEP_MS });
    await page.getByTestId('people').getByText('Eero V. (you)').waitFor({ timeout: STEP_MS });
    assert.equal(await page.evaluate(() => localStorage.getItem('policy-collab.displayName')), 'Eero V.');

    const unnamed = await page.$$eval('button, a[href], input, [role="textbox"]', (elements) => elements
      .filter((el) => !(el.getAttribute('aria-label') || el.textContent.trim() || el.labels?.length))
      .map((el) => el.outerHTML.slice(0, 120)));
    assert.deepEqual(unnamed, [], 'controls without an accessible name');
    assert.deepEqual(user.pageErrors, []);
  });

  it('fits a tablet screen, upright and sideways', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'Tablet layout check with a rather long title to see it wrap');
    for (const viewport of [{ width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
      const user = await newUser(env.browser, { viewport });
      const page = await user.newPage();
      await page.goto(env.server.baseUrl);
      await enterName(page, 'Fatima');
      await page.getByTestId('doc-list').waitFor({ timeout: STEP_MS });
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(await overflow() <= 0, `the list scrolls sideways at ${viewport.width} px`);
      await page.goto(`${env.server.baseUrl}#/d/${id}`);
      await page.locator('.ql-editor').waitFor({ timeout: STEP_MS });
      assert.ok(await overflow() <= 0, `the editor scrolls sideways at ${viewport.width} px`);
      const toolbarButtons = await page.locator('.toolbar button').evaluateAll((buttons) => buttons
        .map((button) => button.getBoundingClientRect()).filter((box) => box.width < 40 || box.height < 40).length);
      assert.equal(toolbarButtons, 0, 'toolbar buttons are large enough to tap');
      if (viewport.width === 768) await screenshot(page, 'editor-tablet');
      assert.deepEqual(user.pageErrors, []);
      await user.context.close();
    }
  });
});
