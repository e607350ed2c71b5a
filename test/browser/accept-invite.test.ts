import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from '../support/api-client';
import { expectAccessible, launchBrowser, openPage, uniqueEmail, VIEWPORTS, type ConsoleBrowser } from './support/browser';
import { inviteLinkFor } from '@rapport/console';

const { url, mailDir } = inject('consoleStack');
const api = apiClient(url);

describe.each(VIEWPORTS)('an invited colleague, on a $name screen', (viewport) => {
  let browser: ConsoleBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('opens the mailed link, sets a password, lands in the workspace seeing only what the role allows; the used link explains itself', async () => {
    // Prepare: a workspace whose owner invites a sales rep
    const owner = await api.newTenant({ companyName: 'Acme Bikes' });
    const email = uniqueEmail('rep');
    const invited = await api.request('POST', '/v1/users', { token: owner.token, body: { email, name: 'Rita Rep', roleId: 'sales_rep' } });
    expect(invited.status).toBe(201);
    const link = inviteLinkFor(mailDir, email);
    const { page, errors } = await openPage(browser, viewport);

    // Act: open the link from the mail, choose a password
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Join your team' }).waitFor();
    await expectAccessible(page, 'the accept-invite page');
    await page.getByLabel('Your email').fill(email);
    await page.getByLabel(/^Password/).fill('Correct-Horse-9');
    await page.getByRole('button', { name: 'Set password and join' }).click();

    // Assess: in the workspace; a sales rep may not invite, and is told whom to ask
    await page.getByRole('heading', { level: 1, name: 'Get started' }).waitFor();
    expect(await page.getByText('Welcome to Acme Bikes, Rita Rep').isVisible()).toBe(true);
    expect(await page.getByText('Your role cannot invite people: ask an admin of your workspace.').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Invite people' }).count()).toBe(0);
    await expectAccessible(page, 'the first-run page of a sales rep');

    // Act: the same link once more, in a new tab (no session there)
    const again = await openPage(browser, viewport);
    await again.page.goto(link);
    await again.page.getByLabel('Your email').fill(email);
    await again.page.getByLabel(/^Password/).fill('Another-Horse-10');
    await again.page.getByRole('button', { name: 'Set password and join' }).click();

    // Assess: the used link says what happened and whom to ask
    await again.page.getByText('This link does not work any more').waitFor();
    expect(await again.page.getByText('This invitation has already been used').isVisible()).toBe(true);
    await expectAccessible(again.page, 'a used invitation');
    expect([...errors, ...again.errors]).toEqual([]);
  });
});
