import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { inviteTokenFor } from '../support/invitations';
import { expectAccessible, launchBrowser, openPage, uniqueEmail, VIEWPORTS, type ConsoleBrowser } from './support/browser';
import type { Page } from 'playwright-core';

const { url, mailDir } = inject('consoleStack');
const password = 'Correct-Horse-9';

/** The navigation's entries (present also while the phone layout folds it away). */
const navigation = (page: Page) => page.locator('nav[aria-label="Main"] a').allTextContents();

/** Ticks or unticks one box of the matrix and saves the role. */
async function setPermission(page: Page, role: string, permission: string) {
  await page.goto(`${url}/settings/roles`);
  await page.getByRole('table', { name: 'Permissions of each role' }).waitFor({ timeout: 30_000 });
  await page.getByRole('checkbox', { name: `${role}: ${permission}` }).click();
  const pending = page.getByRole('region', { name: `Unsaved changes to ${role}` });
  await pending.waitFor();
  await pending.getByRole('button', { name: `Save ${role}` }).click();
  await pending.waitFor({ state: 'detached' });
}

describe.each(VIEWPORTS)('an admin, on a $name screen', (viewport) => {
  let browser: ConsoleBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('invites a colleague with a custom role made in the matrix; the colleague sees what the role allows, and more once it changes', async () => {
    // Prepare: a founder signs up
    const { page: admin, errors } = await openPage(browser, viewport);
    const founder = uniqueEmail('founder');
    const colleague = uniqueEmail('colleague');
    await admin.goto(`${url}/signup`);
    await admin.getByLabel('Company').fill('Acme Bikes');
    await admin.getByLabel('Your name').fill('Ann Founder');
    await admin.getByLabel('Email').fill(founder);
    await admin.getByLabel(/^Password/).fill(password);
    await admin.getByRole('button', { name: 'Create workspace' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Get started' }).waitFor();

    // Act: a custom role in the matrix, allowed to see the team only
    await admin.goto(`${url}/settings/roles`);
    // The first visit loads the screen's chunk and three lists on a busy machine: give it time.
    await admin.getByRole('table', { name: 'Permissions of each role' }).waitFor({ timeout: 30_000 });
    await expectAccessible(admin, 'the roles page');
    await admin.getByLabel('Role name').fill('Team lead');
    await admin.getByRole('button', { name: 'Create role' }).click();
    await admin.getByRole('checkbox', { name: 'Team lead: users:read' }).waitFor();
    await setPermission(admin, 'Team lead', 'users:read');

    // Act: invite the colleague with it
    await admin.goto(`${url}/settings/users`);
    await admin.getByRole('heading', { name: 'Invite a colleague' }).waitFor();
    await admin.getByLabel('Email').fill(colleague);
    await admin.getByLabel('Name').fill('Cid Colleague');
    await admin.getByLabel('Role').selectOption({ label: 'Team lead' });
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByText(`${colleague} has been emailed a link to join`).waitFor();
    await admin.locator(`tr[data-user="${colleague}"]`).getByText('Invited').waitFor();
    await expectAccessible(admin, 'the users page');

    // Act: the colleague accepts from the mailed link, in a tab of their own
    const { page: peer, errors: peerErrors } = await openPage(browser, viewport);
    await peer.goto(`${url}/accept-invite?token=${inviteTokenFor(mailDir, colleague)}`);
    await peer.getByLabel('Your email').fill(colleague);
    await peer.getByLabel(/^Password/).fill(password);
    await peer.getByRole('button', { name: 'Set password and join' }).click();
    await peer.getByRole('heading', { level: 1, name: 'Get started' }).waitFor();

    // Assess: the team, but not the roles, nor any other admin screen
    const before = await navigation(peer);
    expect(before).toContain('Users');
    expect(before).not.toContain('Roles');
    expect(before).not.toContain('Webhooks');
    await peer.goto(`${url}/settings/roles`);
    await peer.getByText('Your role does not allow this').waitFor();
    await peer.goto(`${url}/settings/users`);
    await peer.locator(`tr[data-user="${colleague}"]`).getByText('Active').waitFor();
    expect(await peer.getByRole('button', { name: 'Send invitation' }).count()).toBe(0);

    // Act: the admin lets the role see the roles too
    await setPermission(admin, 'Team lead', 'roles:read');

    // Assess: the colleague's console follows (the API may cache a membership for a few seconds)
    let after: string[] = [];
    for (let tries = 0; tries < 15 && !after.includes('Roles'); tries += 1) {
      await peer.reload();
      await peer.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
      after = await navigation(peer);
      if (!after.includes('Roles')) await peer.waitForTimeout(1000);
    }
    expect(after).toContain('Roles');
    // Each handler's container may hold the old role for up to 5 s of its own, the roles route's too.
    const matrix = peer.getByRole('table', { name: 'Permissions of each role' });
    for (let tries = 0; tries < 10; tries += 1) {
      await peer.goto(`${url}/settings/roles`);
      if (await matrix.waitFor({ timeout: 1500 }).then(() => true, () => false)) break;
    }
    await matrix.waitFor();
    expect(await peer.getByRole('checkbox', { name: 'Team lead: roles:read' }).isChecked()).toBe(true);
    expect(await peer.getByRole('button', { name: 'Create role' }).count()).toBe(0);
    expect(errors).toEqual([]);
    expect(peerErrors).toEqual([]);
  });
});
