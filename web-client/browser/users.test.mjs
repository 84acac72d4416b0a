/**
 * The users page, for administrators: reached from the user menu; creates an account (a mistake is
 * shown at its field first), lists it, disables and enables it, and makes it an administrator; edits
 * an account and sets a new password for it, which signs its owner out (their old password no longer
 * works, the new one does); an administrator setting their own password is signed out and told why.
 * Someone who is not an administrator has no link to it and is told the page is not for them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SKIP, STEP_MS, createAccount, openAs, screenshot, signInThroughPage, useAppAndBrowser,
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
    const adminRow = table.locator('tr[data-username="admin"]');
    await adminRow.waitFor({ timeout: STEP_MS });
    assert.match(await adminRow.locator('th').textContent(), /\(you\)$/);
    assert.deepEqual(await adminRow.getByRole('button').allTextContents(), ['Edit', 'Reset password'],
      'no buttons to lock oneself out');

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

  it('an administrator edits an account and sets a new password, which signs its owner out', { timeout: TEST_MS }, async () => {
    const olof = await createAccount(env.server, 'Olof Berg', { organisation: 'SMHI', country: 'Sweden' });
    const newPassword = 'a brand new password 42';
    const owner = await openAs(env, olof, '');
    await owner.page.getByRole('heading', { name: 'Documents' }).waitFor({ timeout: STEP_MS });
    const { user, page } = await openAs(env, { token: env.server.adminToken }, '#/users');
    const row = page.getByTestId('users-table').locator(`tr[data-username="${olof.username}"]`);
    await row.waitFor({ timeout: STEP_MS });

    await row.getByRole('button', { name: 'Edit Olof Berg' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Olof Berg' });
    await edit.waitFor({ timeout: STEP_MS });
    assert.equal(await edit.getByLabel('Display name').inputValue(), 'Olof Berg');
    assert.equal(await edit.getByLabel('Organisation (optional)').inputValue(), 'SMHI');
    assert.equal(await edit.getByLabel('Country (optional)').inputValue(), 'Sweden');
    assert.equal(await page.evaluate(() => document.activeElement?.name), 'displayName', 'the focus starts in the dialog');
    // Checked at once, as in the new user form.
    await edit.getByLabel('Organisation (optional)').fill('x'.repeat(101));
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.getByText('Use at most 100 characters.').waitFor({ timeout: STEP_MS });
    assert.equal(await edit.getByLabel('Organisation (optional)').getAttribute('aria-invalid'), 'true');
    // Refused by the server (a control character): said at the one field that was sent.
    await edit.getByLabel('Organisation (optional)').fill('SMHI\tForecasts');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.getByText(/^Not saved: the server did not accept it \(organisation/).waitFor({ timeout: STEP_MS });
    assert.equal(await edit.isVisible(), true, 'the dialog stays open, with what was typed');

    await edit.getByLabel('Organisation (optional)').fill('Swedish Meteorological and Hydrological Institute');
    await edit.getByLabel('Email (optional)').fill('olof.berg@smhi.se');
    await screenshot(page, 'users-edit-dialog');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved the changes to Olof Berg.').waitFor({ timeout: STEP_MS });
    assert.equal(await edit.count(), 0, 'the dialog is gone');
    assert.match(await row.textContent(), /Swedish Meteorological and Hydrological Institute, Sweden/);
    assert.match(await row.textContent(), /olof\.berg@smhi\.se/);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Edit Olof Berg',
      'the focus is back on the button that opened the dialog');
    const { body } = await env.server.api('GET', '/api/users');
    assert.deepEqual(body.users.filter((u) => u.username === olof.username).map((u) => [u.organisation, u.email]),
      [['Swedish Meteorological and Hydrological Institute', 'olof.berg@smhi.se']]);

    // Escape cancels, and the focus goes back to the row.
    await row.getByRole('button', { name: 'Reset the password of Olof Berg' }).click();
    const reset = page.getByRole('dialog', { name: 'New password for Olof Berg' });
    await reset.waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Escape');
    await reset.waitFor({ state: 'detached', timeout: STEP_MS });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Reset the password of Olof Berg');

    await page.keyboard.press('Enter'); // the same button, from the keyboard
    await reset.waitFor({ timeout: STEP_MS });
    assert.match(await reset.locator('.message').textContent(), /signs Olof Berg out everywhere/, 'said before it is done');
    await reset.getByLabel('New password').fill('too short');
    await reset.getByRole('button', { name: 'Set new password' }).click();
    await reset.getByText('Use at least 10 characters.').waitFor({ timeout: STEP_MS });
    await reset.getByLabel('New password').fill(newPassword);
    await reset.getByLabel('Show the password').check();
    assert.equal(await reset.getByLabel('New password').getAttribute('type'), 'text');
    await screenshot(page, 'users-password-dialog');
    await reset.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Olof Berg has a new password and was signed out everywhere.').waitFor({ timeout: STEP_MS });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Reset the password of Olof Berg');

    await assert.rejects(env.server.signIn(olof.username, olof.password), /401/, 'the old password no longer works');
    assert.equal((await env.server.signIn(olof.username, newPassword)).user.username, olof.username);
    // Olof's open page was signed out; the new password signs him in there.
    await owner.page.getByText('Your session has ended.', { exact: false }).waitFor({ timeout: STEP_MS });
    await signInThroughPage(owner.page, olof.username, newPassword);
    await owner.page.getByRole('heading', { name: 'Documents' }).waitFor({ timeout: STEP_MS });
    assert.deepEqual(owner.user.pageErrors, []);
    assert.deepEqual(user.pageErrors, []);
    await owner.user.context.close();
    await user.context.close();
  });

  it('an administrator who sets their own password is signed out, told why, and signs in with it', { timeout: TEST_MS }, async () => {
    const ada = await createAccount(env.server, 'Ada Lindqvist', { admin: true });
    const newPassword = 'my own new password 7';
    const { user, page } = await openAs(env, ada, '#/users');
    const row = page.getByTestId('users-table').locator(`tr[data-username="${ada.username}"]`);
    await row.getByRole('button', { name: 'Reset the password of Ada Lindqvist' }).click({ timeout: STEP_MS });
    const reset = page.getByRole('dialog', { name: 'Your new password' });
    await reset.waitFor({ timeout: STEP_MS });
    assert.match(await reset.locator('.message').textContent(), /signs you out everywhere, this page too/);
    await reset.getByLabel('New password').fill(newPassword);
    await screenshot(page, 'users-own-password-dialog');
    await reset.getByRole('button', { name: 'Set new password' }).click();

    await page.getByText('Your password was changed, which signed you out everywhere.', { exact: false })
      .waitFor({ timeout: STEP_MS });
    assert.equal(await page.getByTestId('password-dialog').count(), 0, 'no dialog left over the sign-in page');
    await screenshot(page, 'users-own-password-signed-out');
    await assert.rejects(env.server.signIn(ada.username, ada.password), /401/);
    await signInThroughPage(page, ada.username, newPassword);
    await page.waitForURL(/#\/users$/, { timeout: STEP_MS });
    await row.waitFor({ timeout: STEP_MS });
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
