import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, openPage, uniqueEmail, VIEWPORTS, type ConsoleBrowser } from './support/browser';

const { url } = inject('consoleStack');
const password = 'Correct-Horse-9';

/** The workspace's contacts as the API lists them to its owner. */
async function contactsOf(email: string): Promise<{ items: { id: string }[] }> {
  const login = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const answer = await fetch(`${url}/v1/contacts?limit=100`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(answer.status).toBe(200);
  return (await answer.json()) as { items: { id: string }[] };
}

describe.each(VIEWPORTS)('a founder loading demo data, on a $name screen', (viewport) => {
  let browser: ConsoleBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('loads the small demo into their own workspace from the first-run screen, and is asked first the next time', async () => {
    // Prepare: a new workspace, on its first-run screen
    const { page, errors } = await openPage(browser, viewport);
    const email = uniqueEmail('demo-founder');
    await page.goto(`${url}/signup`);
    await page.getByLabel('Company').fill('Acme Demo');
    await page.getByLabel('Your name').fill('Dee Founder');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Get started' }).waitFor();
    expect(await page.getByRole('button', { name: 'Load demo data (100 customers)' }).isVisible()).toBe(true);

    // Act: the smallest size
    await page.getByLabel('Size').selectOption({ label: '10 customers' });
    await page.getByRole('button', { name: 'Load demo data (10 customers)' }).click();

    // Assess: the progress, then the summary on screen and the contacts in the API
    const summary = page.getByRole('status').filter({ hasText: 'Demo data loaded' });
    await summary.waitFor({ timeout: 120_000 });
    expect(await summary.textContent()).toMatch(/10 contacts at \d+ companies, each owned by you/);
    await expectAccessible(page, 'the first-run page after loading the demo');
    expect((await contactsOf(email)).items).toHaveLength(10);

    // Act: once more, now that the workspace has contacts
    await page.getByRole('button', { name: 'Load demo data (10 customers)' }).click();

    // Assess: asked first; cancelling sends nothing
    const question = page.getByRole('alert').filter({ hasText: 'Your workspace has contacts already' });
    await question.waitFor();
    await expectAccessible(page, 'the question before loading into a workspace with contacts');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    expect((await contactsOf(email)).items).toHaveLength(10);
    expect(errors).toEqual([]);
  });
});
