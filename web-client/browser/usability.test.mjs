/**
 * Usable by keyboard alone and on a tablet. The basic flow without a mouse: sign in (the focus starts
 * in the username), Tab to the new document's title, type, Enter; Tab into the text, type, Ctrl+B for
 * bold, Ctrl+K for a link, Escape to the toolbar for a heading; the user menu opens with Enter and
 * closes with Escape. Focus is visible, every control has an accessible name, and the pages fit a
 * tablet's screen.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshFetch } from '../e2e/client.mjs';
import {
  SKIP, STEP_MS, apiCreateDoc, apiShare, appUrl, createAccount, newUser, openAs, screenshot, settled,
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
    const eero = await createAccount(env.server, 'Eero', { organisation: 'Tallinn University', country: 'Estonia' });
    const user = await newUser(env.browser);
    const page = await user.newPage();
    await page.goto(appUrl(env.server));

    // Signed out, the sign-in page has the focus in the username.
    await page.getByTestId('sign-in').waitFor({ timeout: STEP_MS });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'sign-in-username');
    await page.keyboard.type(eero.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(eero.password);
    await page.keyboard.press('Enter');
    await page.getByText('No documents are shared with you yet.', { exact: false }).waitFor({ timeout: STEP_MS });

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

    // The account's display name is who they are here; the user menu opens and closes by keyboard.
    await page.getByTestId('people').getByText('Eero (you)').waitFor({ timeout: STEP_MS });
    const menuButton = page.getByTestId('user-menu');
    assert.equal(await page.getByTestId('user-name').textContent(), 'Eero');
    assert.match(await menuButton.textContent(), /Tallinn University, Estonia/);
    await menuButton.focus();
    await page.keyboard.press('Enter');
    assert.equal(await menuButton.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Sign out', 'no Users link: not an admin');
    await page.keyboard.press('Escape');
    assert.equal(await menuButton.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'user-menu', 'the focus is back on the button');

    const unnamed = await page.$$eval('button, a[href], input, [role="textbox"]', (elements) => elements
      .filter((el) => !(el.getAttribute('aria-label') || el.textContent.trim() || el.labels?.length))
      .map((el) => el.outerHTML.slice(0, 120)));
    assert.deepEqual(unnamed, [], 'controls without an accessible name');
    assert.deepEqual(user.pageErrors, []);
  });

  it('fits a tablet screen, upright and sideways', { timeout: TEST_MS }, async () => {
    const { id } = await apiCreateDoc(env.server, 'Tablet layout check with a rather long title to see it wrap');
    const fatima = await createAccount(env.server, 'Fatima Al-Hassan', { organisation: 'Ministry of the Environment', country: 'Finland' });
    await apiShare(env.server, id, fatima.username, 'editor');
    for (const viewport of [{ width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
      const { user, page } = await openAs(env, fatima, '', { viewport });
      await page.getByTestId('doc-list').waitFor({ timeout: STEP_MS });
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(await overflow() <= 0, `the list scrolls sideways at ${viewport.width} px`);
      await page.goto(appUrl(env.server, `#/d/${id}`));
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
