import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type RunningApi } from './api-server';
import { isConsoleRequest } from './console-files';

describe('the local API adapter serving the console', () => {
  let dir: string;
  let api: RunningApi;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-console-files-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Rapport</title>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    api = await startApiServer({ port: 0, functionsDir: join(import.meta.dirname, '../../../functions'), consoleDir: dir });
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves built assets, cached for good', async () => {
    // Act
    const response = await fetch(`${api.url}/assets/index-abc.js`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe('console.log(1)');
  });

  it("answers any other page's address with index.html and the console's CSP (the SPA fallback)", async () => {
    // Act
    const response = await fetch(`${api.url}/accept-invite?token=abc`);

    // Assess
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Rapport</title>');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('never serves a file outside the build', async () => {
    // Act
    const response = await fetch(`${api.url}/..%2f..%2fetc%2fpasswd`);

    // Assess
    expect(await response.text()).toContain('<title>Rapport</title>');
  });

  it('leaves /v1 and every write to the API', () => {
    // Assess
    expect(isConsoleRequest('GET', '/v1/me')).toBe(false);
    expect(isConsoleRequest('GET', '/v1')).toBe(false);
    expect(isConsoleRequest('POST', '/login')).toBe(false);
    expect(isConsoleRequest('GET', '/v1x')).toBe(true);
    expect(isConsoleRequest('HEAD', '/settings/users')).toBe(true);
  });
});
