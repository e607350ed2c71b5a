import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { expectAccessible, launchBrowser, openPage, uniqueEmail, VIEWPORTS, type ConsoleBrowser } from './support/browser';

const { url } = inject('consoleStack');
const password = 'Correct-Horse-9';

/** Confirms the open confirmation dialog with its button. */
async function confirm(page: Page, button: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The secret shown once, after which the person says they kept it and it is gone. */
async function keepSecret(page: Page): Promise<string> {
  const secret = page.getByTestId('secret');
  await secret.waitFor();
  const text = (await secret.textContent())!.trim();
  await page.getByRole('button', { name: 'I have kept it' }).click();
  await secret.waitFor({ state: 'detached' });
  return text;
}

describe.each(VIEWPORTS)('an owner running the workspace settings, on a $name screen', (viewport) => {
  let browser: ConsoleBrowser;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    [browser, receiver] = await Promise.all([launchBrowser(), startWebhookReceiver()]);
  });
  afterAll(async () => {
    await Promise.all([browser.close(), receiver.stop()]);
  });

  // One throw-away workspace for the whole file (the last step closes it), one tab, each step on from the last.
  let page: Page;
  let errors: string[];
  let workspace: string;
  beforeAll(async () => {
    ({ page, errors } = await openPage(browser, viewport));
    workspace = `Acme Settings ${Date.now().toString(36)}`;
    await page.goto(`${url}/signup`);
    await page.getByLabel('Company').fill(workspace);
    await page.getByLabel('Your name').fill('Ola Owner');
    await page.getByLabel('Email').fill(uniqueEmail('settings-owner'));
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Get started' }).waitFor();
  });

  it('adds a custom field, sees it listed, and deletes it', async () => {
    // Act + assess: a custom field, listed, then deleted
    await page.goto(`${url}/settings/fields`);
    await page.getByText('No custom fields yet').waitFor();
    await page.getByLabel(/^Label/).fill('Loyalty tier');
    await page.getByLabel(/^Key/).fill('loyalty_tier');
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByRole('cell', { name: /loyalty_tier/ }).waitFor();
    await expectAccessible(page, 'the custom fields page');
    await page.getByRole('button', { name: 'Delete Loyalty tier' }).click();
    await confirm(page, 'Delete field');
    await page.getByText('No custom fields yet').waitFor();
  });

  it('adds a webhook checked as it is typed, sends a test delivery and sees it in the log, rotates the secret, and deletes it', async () => {
    // Act + assess: a webhook; checked as it is typed; a test delivery in its log; a new secret; deleted
    await page.goto(`${url}/settings/webhooks`);
    await page.getByText('No webhooks yet').waitFor();
    await page.getByLabel(/^Receiver URL/).fill('127.0.0.1/hooks');
    await page.getByText('The URL must be an absolute URL such as https://example.com/hooks').waitFor();
    expect(await page.getByRole('button', { name: 'Add webhook' }).isDisabled()).toBe(true);
    await page.getByLabel(/^Receiver URL/).fill(receiver.url);
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const firstSecret = await keepSecret(page);
    await page.getByRole('button', { name: `Send test to ${receiver.url}` }).click();
    await page.getByText('A test event is on its way: see the delivery log.').waitFor();
    await page.getByRole('button', { name: `Delivery log of ${receiver.url}` }).click();
    const log = page.getByRole('table', { name: 'Delivery attempts' });
    await log.getByText('webhook.test').waitFor();
    expect(await log.getByText('delivered').count()).toBe(1);
    await expectAccessible(page, 'the delivery log');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `New secret for ${receiver.url}` }).click();
    await confirm(page, 'Make new secret');
    const secondSecret = await keepSecret(page);
    expect(secondSecret).not.toBe(firstSecret);
    await expectAccessible(page, 'the webhooks page');
    await page.getByRole('button', { name: `Delete ${receiver.url}` }).click();
    await confirm(page, 'Delete webhook');
    await page.getByText('No webhooks yet').waitFor();
    expect(receiver.received.some((delivery) => delivery.body.includes('webhook.test'))).toBe(true);
  });

  it('creates an ingest key shown once and gone once kept, and revokes it', async () => {
    // Act + assess: an ingest key, shown once and gone once kept, then revoked
    await page.goto(`${url}/settings/ingest-keys`);
    await page.getByText('No ingest keys yet').waitFor();
    expect(await page.getByRole('button', { name: 'Create key' }).isDisabled()).toBe(true);
    await page.getByLabel(/^Name/).fill('Shop website');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByTestId('secret').waitFor();
    await expectAccessible(page, 'the ingest keys page with a new key');
    await keepSecret(page);
    expect(await page.getByTestId('secret').count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke Shop website' }).click();
    await confirm(page, 'Revoke key');
    await page.getByText('No ingest keys yet').waitFor();
  });

  it('is refused an SLA whose resolution comes before its first response, and keeps the one saved after a reload', async () => {
    // Act + assess: the SLA, refused while resolution comes before the first response, then saved and kept after a reload
    await page.goto(`${url}/settings/workspace`);
    const firstResponse = page.getByLabel('Urgent: first response in minutes');
    const resolution = page.getByLabel('Urgent: resolution in minutes');
    await firstResponse.waitFor();
    await firstResponse.fill('45');
    await resolution.fill('30');
    await page.getByText('Resolution must not be shorter than firstResponseMinutes').waitFor();
    expect(await page.getByRole('button', { name: 'Save service levels' }).isDisabled()).toBe(true);
    await resolution.fill('240');
    await page.getByRole('button', { name: 'Save service levels' }).click();
    await page.getByText('Saved: new tickets are due by these targets.').waitFor();
    await expectAccessible(page, 'the workspace settings page');
    await page.reload();
    await firstResponse.waitFor();
    expect(await firstResponse.inputValue()).toBe('45');
    expect(await resolution.inputValue()).toBe('240');
  });

  it('is refused closing the workspace under a wrong name, and gets the dated receipt, downloadable, under the right one', { timeout: 90_000 }, async () => {
    // Act + assess: closing the workspace; the wrong name is refused, the right one gives the dated receipt
    await page.goto(`${url}/settings/close-workspace`);
    const typed = page.getByLabel(/^Type the workspace's name/);
    const close = page.getByRole('button', { name: 'Close the workspace and destroy its data' });
    await typed.fill(workspace.toLowerCase());
    await page.getByText('This is not the name yet: type it exactly, with the same capitals.').waitFor();
    expect(await close.isDisabled()).toBe(true);
    await expectAccessible(page, 'the close-the-workspace page');
    await typed.fill(workspace);
    await close.click();
    const save = page.getByRole('button', { name: 'Download the receipt (JSON)' });
    // Destroying the keys and deleting every record takes a while on a busy machine; a refusal would show as an alert.
    await save.or(page.getByRole('alert')).first().waitFor({ timeout: 60_000 });
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
    await expectAccessible(page, 'the offboarding receipt');
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    const today = new Date().toISOString().slice(0, 10);
    expect(download.suggestedFilename()).toBe(`rapport-offboarding-receipt-${today}.json`);
    const receipt = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { offboardedAt: string };
    expect(receipt.offboardedAt.slice(0, 10)).toBe(today);
    // The session ended with the workspace: the console no longer opens for this tab.
    await page.goto(`${url}/welcome`);
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    expect(errors).toEqual([]);
  });
});
