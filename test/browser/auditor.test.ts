import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { localClientConfig } from '@rapport/local';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { inviteTokenFor } from '../support/invitations';
import { expectAccessible, launchBrowser, openPage, uniqueEmail, VIEWPORTS, type ConsoleBrowser } from './support/browser';

const { url, mailDir, audit } = inject('consoleStack');
const password = 'Correct-Horse-9';
const s3 = new S3Client({ ...localClientConfig(audit.s3Endpoint), forcePathStyle: true });

/** A call to the local API, as a script would make it. */
async function api<T = Record<string, unknown>>(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const logIn = async (email: string) => (await api<{ accessToken: string }>('/v1/auth/login', { method: 'POST', body: { email, password } })).accessToken;

/** The workspace's archived event objects, once the stream integrator has written at least one. */
async function archivedObjects(tenantId: string): Promise<string[]> {
  for (let tries = 0; tries < 60; tries += 1) {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: audit.bucket, Prefix: `events/tenant=${tenantId}/` }));
    const keys = (listed.Contents ?? []).map((object) => object.Key!).sort();
    if (keys.length > 0) return keys;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`Nothing of workspace ${tenantId} was archived within a minute`);
}

/** Changes the action of the first event in an archived object, as someone with write access to the bucket could. */
async function tamper(key: string): Promise<number> {
  const object = await s3.send(new GetObjectCommand({ Bucket: audit.bucket, Key: key }));
  const lines = gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString('utf8').trim().split('\n');
  const first = JSON.parse(lines[0]!) as { seq: number; action: string };
  lines[0] = JSON.stringify({ ...first, action: 'contact.deleted' });
  await s3.send(new PutObjectCommand({ Bucket: audit.bucket, Key: key, Body: gzipSync(`${lines.join('\n')}\n`) }));
  return first.seq;
}

/** Runs a verification of today from the screen and waits for its result. */
async function verifyToday(page: Page) {
  await page.goto(`${url}/audit/verify`);
  await page.getByRole('button', { name: 'Verify this period' }).click();
  return page.getByRole('region', { name: 'Verification result' }).waitFor({ timeout: 60_000 });
}

describe.each(VIEWPORTS)('a compliance auditor, on a $name screen', (viewport) => {
  let browser: ConsoleBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('browses the trail, verifies a period as intact, and sees a tampered archive object named', async () => {
    // Prepare: a founder's workspace, and a colleague who joins as compliance auditor
    const founder = uniqueEmail('founder');
    const auditorEmail = uniqueEmail('auditor');
    await api('/v1/signup', { method: 'POST', body: { companyName: 'Audited Ltd', name: 'Ann Founder', email: founder, password } });
    const ownerToken = await logIn(founder);
    const tenantId = (await api<{ tenant: { id: string } }>('/v1/me', { token: ownerToken })).tenant.id;
    await api('/v1/users', { method: 'POST', token: ownerToken, body: { email: auditorEmail, name: 'Avery Auditor', roleId: 'compliance_auditor' } });
    await api('/v1/auth/accept-invite', { method: 'POST', body: { token: inviteTokenFor(mailDir, auditorEmail), password } });
    const [firstObject] = await archivedObjects(tenantId);

    // Act: the auditor logs in and opens the audit log from the navigation
    const { page, errors } = await openPage(browser, viewport);
    await page.goto(`${url}/login`);
    await page.getByLabel('Email').fill(auditorEmail);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Get started' }).waitFor();
    const navigation = await page.locator('nav[aria-label="Main"] a').allTextContents();
    expect(navigation).toEqual(expect.arrayContaining(['Audit log', 'Verify the trail', 'Evidence']));
    expect(navigation).not.toContain('Webhooks');
    await page.goto(`${url}/audit/events`);
    const events = page.getByRole('table', { name: 'Audit events, newest first' });
    await events.waitFor();

    // Assess: the founder's invitation, by name, with its detail (who, what, when, where)
    const invited = events.locator('tr[data-action="user.invited"]');
    await invited.getByText('Ann Founder').first().waitFor();
    await expectAccessible(page, 'the audit log');
    await invited.getByRole('button', { name: /^Details of user\.invited/ }).click();
    const detail = page.getByRole('dialog', { name: 'Audit event' });
    await detail.getByRole('table', { name: 'The event' }).waitFor();
    expect(await detail.getByRole('row', { name: /^Who/ }).textContent()).toContain('Ann Founder');
    expect(await detail.getByRole('row', { name: /^From where/ }).textContent()).not.toContain('No address recorded');
    await expectAccessible(page, 'an audit event');
    await page.keyboard.press('Escape');

    // Act: filter by action
    await page.getByLabel('Action').fill('auth.login');
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.waitForURL(/action=auth\.login/);
    await expect.poll(() => events.locator('tbody tr:not([data-action="auth.login"])').count(), { timeout: 10_000 }).toBe(0);
    await events.locator('tr[data-action="auth.login"]').first().waitFor();

    // Act: verify today
    await verifyToday(page);

    // Assess: intact
    await page.getByText(/^The audit trail of .* is intact$/).waitFor();
    await expectAccessible(page, 'a verification that found nothing');

    // Act: someone with write access to the archive changes an event
    const seq = await tamper(firstObject!);
    await verifyToday(page);

    // Assess: the changed event is named, with its object, evidence and the record it belongs to
    const problems = page.getByRole('list', { name: 'Problems found' });
    await problems.waitFor();
    const altered = problems.locator('li[data-kind="event_altered"]');
    await altered.getByText('An event was changed').waitFor();
    // The object may hold this event alone ("of event 1") or with others ("of events 1–3"): the
    // integrator batches whatever the stream delivered together.
    expect(await altered.textContent()).toMatch(new RegExp(`Where: Event ${seq}, in the archived file of events? ${seq}`));
    expect(await altered.textContent()).toContain(`Evidence: event ${seq}'s hash does not match its content.`);
    // The record and time come from a lookup of the event that may land after the problem is shown.
    await altered.getByText(/Record and time: tenant\.created/).waitFor();
    expect(await altered.textContent()).toContain(firstObject);
    await expectAccessible(page, 'a verification that found a problem');

    // Act: the evidence page with the export and the checkpoints
    await page.goto(`${url}/audit/evidence`);
    await page.getByRole('heading', { name: 'Signed checkpoints' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the evidence' }).click();
    expect((await download).suggestedFilename()).toMatch(/^rapport-audit-evidence-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.jsonl$/);
    await expectAccessible(page, 'the evidence page');
    expect(errors).toEqual([]);
  });
});
