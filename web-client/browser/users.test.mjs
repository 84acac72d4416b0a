/**
 * The users page, for administrators: reached from the user menu; creates an account (a mistake is
 * shown at its field first), lists it, disables and enables it, and makes it an administrator. Someone
 * who is not an administrator has no link to it and is told the page is not for them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SKIP, STEP_MS, createAccount, openAs, screenshot, useAppAndBrowser,
} from './support/harness.mjs';

const TEST_MS = 90_000;

describe('users page', { skip: SKIP }, () => {
  const env = useAppAndBrowser('browser/users.test.mjs', 240);

  it('an administrator creates, disables, enables and promotes an account', { timeout: TEST_MS }, async () => {
    await createAccount(env.server, 'Pia Nyström', { organisation: 'Havs- och vattenmyndigheten', country: 'Sweden' });
    const { user, page } = await openAs(env, { token: env.server.adminToken }, '');
    await page.getByTestId('user-menu').click();
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL(/#\/users$/, { timeout: STEP_MS });
    const table = page.getByTestId('users-table');
    await table.locator('tr[data-username="admin"]').waitFor({ timeout: STEP_MS });
    assert.match(await table.locator('tr[data-username="admin"]').textContent(), /That is you/, 'no buttons to lock oneself out');

    await page.getByLabel('Username', { exact: true }).fill('quentin');
    await page.getByLabel('Display name', { exact: true }).fill('Quentin Roux');
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByLabel('Organisation (optional)').fill('Ministère de la Transition écologique');
    await page.getByLabel('Country (optional)').fill('France');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('Use at least 10 characters.').waitFor({ timeout: STEP_MS });
    assert.equal(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.name), 'password', 'the focus is on the field to fix');

    await page.getByLabel('Password', { exact: true }).fill('long enough password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('Created Quentin Roux.').waitFor({ timeout: STEP_MS });
    const row = table.locator('tr[data-username="quentin"]');
    await row.waitFor({ timeout: STEP_MS });
    assert.match(await row.textContent(), /Ministère de la Transition écologique, France/);
    assert.equal((await env.server.signIn('quentin', 'long enough password')).user.displayName, 'Quentin Roux');

    // The same username again: said at the username.
    await page.getByLabel('Username', { exact: true }).fill('quentin');
    await page.getByLabel('Display name', { exact: true }).fill('Another Quentin');
    await page.getByLabel('Password', { exact: true }).fill('long enough password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('that username is taken; choose another').waitFor({ timeout: STEP_MS });

    await row.getByRole('button', { name: 'Disable Quentin Roux' }).click();
    await page.getByText('Quentin Roux is disabled and can no longer sign in.').waitFor({ timeout: STEP_MS });
    assert.match(await row.locator('.users__state').textContent(), /^Disabled/);
    const refused = await env.server.api('POST', '/api/session', { username: 'quentin', password: 'long enough password' }, null);
    assert.equal(refused.body.error.code, 'ERR_ACCOUNT_DISABLED');
    await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header at the top of the picture
    await screenshot(page, 'users', { fullPage: true });

    await row.getByRole('button', { name: 'Enable Quentin Roux' }).click();
    await page.getByText('Quentin Roux can sign in again.').waitFor({ timeout: STEP_MS });
    await row.getByRole('button', { name: 'Make Quentin Roux an administrator' }).click();
    await page.getByText('Quentin Roux is now an administrator.').waitFor({ timeout: STEP_MS });
    assert.equal(await row.locator('.users__state').textContent(), 'Active · Administrator');
    const { body } = await env.server.api('GET', '/api/users');
    assert.deepEqual(body.users.filter((u) => u.username === 'quentin').map((u) => [u.admin, u.disabled]), [[true, false]]);
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });

  it('is not for someone who is not an administrator', { timeout: TEST_MS }, async () => {
    const rosa = await createAccount(env.server, 'Rosa');
    const { user, page } = await openAs(env, rosa, '#/users');
    await page.getByText('Only administrators can manage users.').waitFor({ timeout: STEP_MS });
    await page.getByTestId('user-menu').click();
    assert.equal(await page.getByRole('link', { name: 'Users' }).isVisible(), false);
    assert.deepEqual(user.pageErrors, []);
    await user.context.close();
  });
});
