import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, openPage, uniqueEmail, VIEWPORTS, type ConsoleBrowser } from './support/browser';

const { url } = inject('consoleStack');

describe.each(VIEWPORTS)('a founder, on a $name screen', (viewport) => {
  let browser: ConsoleBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('signs up, gets started, logs out, and logging in again brings them back where they were', async () => {
    // Prepare
    const { page, errors } = await openPage(browser, viewport);
    const email = uniqueEmail('founder');
    const password = 'Correct-Horse-9';

    // Act: sign up, the password rules ticking as they type
    await page.goto(`${url}/signup`);
    await expectAccessible(page, 'the sign-up page');
    await page.getByLabel('Company').fill('Acme Bikes');
    await page.getByLabel('Your name').fill('Ann Founder');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill('abc');
    const metWhileTyping = await page.locator('#password-rules [data-met="true"]').allTextContents();
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Create workspace' }).click();

    // Assess: logged in on the first-run screen of the new workspace
    await page.getByRole('heading', { level: 1, name: 'Get started' }).waitFor();
    expect(metWhileTyping.join(' ')).toContain('must contain a lower-case letter');
    expect(metWhileTyping.join(' ')).not.toContain('must contain a digit');
    expect(await page.getByText('Welcome to Acme Bikes, Ann Founder').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Invite people' }).getAttribute('href')).toBe('/settings/users');
    await expectAccessible(page, 'the first-run page');

    // Act: to the account page, log out, then come back to it
    await page.goto(`${url}/account`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    expect(await page.getByText(email).isVisible()).toBe(true);
    await expectAccessible(page, 'the account page');
    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.goto(`${url}/account`);
    await page.waitForURL(/\/login\?next=%2Faccount/);
    await expectAccessible(page, 'the log-in page');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();

    // Assess: back on the account page, with no error in the console
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(errors).toEqual([]);
  });

  it('changes their password, logs out everywhere, and only the new password opens the workspace again', async () => {
    // Prepare: a new workspace, on the account page
    const { page, errors } = await openPage(browser, viewport);
    const email = uniqueEmail('owner');
    const [oldPassword, newPassword] = ['Correct-Horse-9', 'Battery-Staple-42'];
    await page.goto(`${url}/signup`);
    await page.getByLabel('Company').fill('Acme Rides');
    await page.getByLabel('Your name').fill('Bo Owner');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(oldPassword);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Get started' }).waitFor();
    await page.goto(`${url}/account`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

    // Act: a wrong current password first, then the right one
    await page.getByLabel('Current password').fill('Not-The-Password-1');
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Current password is not your current password').waitFor();
    await page.getByLabel('Current password').fill(oldPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
    await expectAccessible(page, 'the account page after a password change');
    await page.getByRole('button', { name: 'Log out everywhere' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    // Tokens carry whole seconds, so a session opened within the sign-out's own second counts as
    // signed out too; a person takes longer than that to log in again, and so does this test.
    await page.waitForTimeout(1_100);

    // Assess: the old password is refused, the new one lets them in
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(oldPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel(/^Password/).fill(newPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((target) => target.pathname !== '/login');
    expect(errors).toEqual([]);
  });
});
