import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type AnsweredRequest, type RunningApi } from './api-server';

describe('the local API adapter, as npm start logs it', () => {
  const answered: AnsweredRequest[] = [];
  let api: RunningApi;
  let consoleDir: string;
  beforeAll(async () => {
    consoleDir = mkdtempSync(join(tmpdir(), 'rapport-api-server-'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Rapport</title>');
    api = await startApiServer({ port: 0, functionsDir: join(import.meta.dirname, '../../../functions'), consoleDir, onResponse: (request) => answered.push(request) });
  });
  afterAll(async () => {
    await api.stop();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  it('tells of each answered request with its method, path, status and time, never its query', async () => {
    // Act: a page of the console, with a query that could carry personal data
    const response = await fetch(`${api.url}/contacts?email=ann@example.com`);
    await response.text();
    await new Promise((resolve) => setImmediate(resolve));

    // Assess
    expect(response.status).toBe(200);
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ method: 'GET', path: '/contacts', status: 200 });
    expect(answered[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(answered)).not.toContain('example.com');
  });
});
