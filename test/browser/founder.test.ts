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
    await page.getByRole('button', { name: 'Log out' }).click();
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
});
