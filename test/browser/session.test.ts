import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from '../support/api-client';
import { expectAccessible, launchBrowser, openPage, VIEWPORTS, type ConsoleBrowser, type Viewport } from './support/browser';

const { url } = inject('consoleStack');
const api = apiClient(url);

async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  const answer = page.waitForResponse((response) => response.url().endsWith('/v1/auth/login'));
  await page.getByRole('button', { name: 'Log in' }).click();
  return (await (await answer).json()) as { expiresIn: number };
}

async function openNavigation(page: Page, viewport: Viewport) {
  if (viewport.name === 'phone') await page.getByRole('button', { name: 'Open navigation' }).click();
}

describe.each(VIEWPORTS)('a session, on a $name screen', (viewport) => {
  let browser: ConsoleBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('is refreshed before the access token expires, and a 401 mid-session leads to log-in and back', async () => {
    // Prepare: a workspace, its owner logged in on the account page, the page's clock ours to move
    const owner = await api.newTenant();
    const { page, errors } = await openPage(browser, viewport);
    await page.clock.install();
    await page.goto(`${url}/account`);
    await page.waitForURL(/\/login\?next=%2Faccount/);
    const { expiresIn } = await logIn(page, owner.email, owner.password);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

    // Act: an hour goes by
    const refreshed = page.waitForResponse((response) => response.url().endsWith('/v1/auth/refresh'));
    await page.clock.fastForward(expiresIn * 1000);

    // Assess: the token was refreshed in time, the person is still here
    expect((await refreshed).status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/account');

    // Act: the session is revoked behind the console's back (its tokens stop working), then the
    // person moves on to a screen that asks the API again
    await page.evaluate(`sessionStorage.setItem('rapport.refreshToken', 'revoked')`);
    await page.route('**/v1/me', (route) => route.continue({ headers: { ...route.request().headers(), authorization: 'Bearer revoked' } }));
    await page.clock.fastForward(120_000);
    await openNavigation(page, viewport);
    await page.getByRole('link', { name: 'Get started' }).click();

    // Assess: at log-in, told why, and brought back where they were going after logging in
    await page.waitForURL(/\/login\?next=%2Fwelcome&reason=expired/);
    await page.getByText('Your session ended').waitFor();
    await expectAccessible(page, 'the log-in page after a session ended');
    await page.unrouteAll();
    await logIn(page, owner.email, owner.password);
    await page.getByRole('heading', { level: 1, name: 'Get started' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/welcome');
    expect(errors).toEqual([]);
  });
});
