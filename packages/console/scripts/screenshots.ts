/**
 * `npm run screenshots`: a PNG of every screen of the console at desktop and phone width, into
 * `screenshots/` (git-ignored), taken from the real local stack on free ports with a small demo
 * workspace loaded through the API (`--customers 40` by default; more looks busier, takes longer).
 *
 *   npm run screenshots -- --customers 100 --only welcome
 */
import { generateDataset, loadDemo, type DemoLogin } from '@rapport/demo';
import { freePort, startLocalStack } from '@rapport/local';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureConsoleBuilt, inviteLinkFor, launchBrowser, VIEWPORTS } from '../build/index';
import { SHOTS, type Viewer } from './screenshot-list';

const root = resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({ options: { customers: { type: 'string', default: '40' }, only: { type: 'string' }, out: { type: 'string', default: join(root, 'screenshots') } } });
const customers = Number(values.customers);
if (!Number.isInteger(customers) || customers < 1) throw new Error(`--customers must be a whole number of at least 1, not "${values.customers}"`);

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
const { dir: consoleDir } = await ensureConsoleBuilt({ log: (line) => console.error(line) });
const dataDir = mkdtempSync(join(tmpdir(), 'rapport-screenshots-'));
const mailDir = join(dataDir, 'mail');
console.error('Starting the local stack…');
const stack = await startLocalStack({ dataDir, apiPort: await freePort(), enginePorts: { dynamodb: 0, cognito: 0, s3: 0 }, functionsDir: join(root, 'functions'), consoleDir });
const browser = await launchBrowser();
try {
  console.error(`Loading a demo workspace of ${customers} customers…`);
  const demo = await loadDemo({ apiUrl: stack.api.url, dataset: generateDataset({ seed: 42, customers, today: new Date() }), mailDir });
  const logins = new Map<Viewer, DemoLogin>([['owner', demo.owner], ...demo.team.map((login) => [login.role as Viewer, login] as const)]);
  const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const response = await fetch(`${stack.api.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${await response.text()}`);
    return response.status === 204 ? undefined : ((await response.json()) as Record<string, unknown>);
  };
  const ownerToken = String((await api('/v1/auth/login', { method: 'POST', body: JSON.stringify({ email: demo.owner.email, password: demo.owner.password }) }))!.accessToken);
  let invited = 0;
  const context = {
    async inviteLink(role: string) {
      const email = `screenshot-${++invited}-${Date.now().toString(36)}@example.com`;
      await api('/v1/users', { method: 'POST', token: ownerToken, body: JSON.stringify({ email, name: 'Sam Screenshot', roleId: role }) });
      const link = new URL(inviteLinkFor(mailDir, email));
      return link.pathname + link.search;
    },
  };

  mkdirSync(values.out, { recursive: true });
  const shots = SHOTS.filter((shot) => !values.only || shot.name.includes(values.only));
  for (const viewport of VIEWPORTS) {
    // One tab per viewer: the session lives in the tab, so each logs in once.
    const tabs = new Map<Viewer, Awaited<ReturnType<typeof browser.context.newPage>>>();
    const tabOf = async (viewer: Viewer) => {
      let page = tabs.get(viewer);
      if (page) return page;
      page = await browser.context.newPage();
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      if (viewer !== 'public') {
        const login = logins.get(viewer);
        if (!login) throw new Error(`The demo workspace has no ${viewer}`);
        await page.goto(`${stack.api.url}/login`);
        await page.getByLabel('Email').fill(login.email);
        await page.getByLabel(/^Password/).fill(login.password);
        await page.getByRole('button', { name: 'Log in' }).click();
        await page.waitForURL((url) => url.pathname !== '/login');
      }
      tabs.set(viewer, page);
      return page;
    };
    for (const shot of shots) {
      const page = await tabOf(shot.viewer);
      const path = typeof shot.path === 'string' ? shot.path : await shot.path(context);
      await page.goto(`${stack.api.url}${path}`);
      await (shot.ready ? page.getByText(shot.ready).first() : page.locator('h1')).waitFor();
      await page.waitForLoadState('networkidle');
      const file = join(values.out, `${shot.name}.${viewport.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await Promise.all([...tabs.values()].map((page) => page.close()));
  }
} finally {
  await browser.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
