import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type AnsweredRequest, type RunningApi } from './api-server';

describe('the local API adapter', () => {
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

  it('answers headers too large to parse like every other error: a body naming the limit, with a request id', async () => {
    // Act
    const response = await fetch(`${api.url}/v1/contacts`, { headers: { 'x-padding': 'x'.repeat(20_000) } });

    // Assess
    expect(response.status).toBe(431);
    const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error).toMatchObject({ code: 'REQUEST_HEADERS_TOO_LARGE', message: expect.stringMatching(/headers must be at most \d+ bytes/) });
    expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('answers a body over the gateway\'s limit with 413 in the same shape', async () => {
    // Act
    const response = await fetch(`${api.url}/v1/contacts`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(11 * 1024 * 1024) }, body: 'x'.repeat(11 * 1024 * 1024) });

    // Assess
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', requestId: response.headers.get('x-request-id') });
  });
});
