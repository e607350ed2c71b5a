import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiCaller, DemoLoadError } from './api-caller';
import { forEachLimited } from './concurrency';
import { createProgress } from './progress';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server answering with the given statuses in turn (the last one from then on). */
async function serverAnswering(statuses: number[]) {
  let calls = 0;
  server = createServer((_request, response) => {
    const status = statuses[Math.min(calls++, statuses.length - 1)]!;
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, calls: () => calls };
}

describe('createApiCaller', () => {
  it('retries 429 and 5xx with backoff until an answer', async () => {
    const fake = await serverAnswering([429, 503, 201]);
    const call = createApiCaller({ baseUrl: fake.url, baseDelayMs: 1 });

    const answer = await call('POST', '/v1/things', { body: {} });

    expect(answer).toEqual({ status: 201, body: { status: 201 } });
    expect(fake.calls()).toBe(3);
  });

  it('gives up after its attempts, and never retries a 4xx that is not 429', async () => {
    const busy = await serverAnswering([500]);
    await expect(createApiCaller({ baseUrl: busy.url, attempts: 3, baseDelayMs: 1 })('GET', '/v1/x')).rejects.toThrow(/failed after 3 attempts: answered 500/);
    expect(busy.calls()).toBe(3);
    await new Promise<void>((resolve) => server!.close(() => resolve()));

    const refusing = await serverAnswering([400]);
    const failure = await createApiCaller({ baseUrl: refusing.url, baseDelayMs: 1 })('POST', '/v1/contacts/01KB0000000000000000000000/feedback').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DemoLoadError);
    expect((failure as DemoLoadError).status).toBe(400);
    expect((failure as Error).message).toContain('POST /v1/contacts/{id}/feedback answered 400');
    expect(refusing.calls()).toBe(1);
  });
});

describe('forEachLimited', () => {
  it('keeps at most the limit in flight and does every item', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];

    await forEachLimited(Array.from({ length: 30 }, (_, index) => index), 4, async (item) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      done.push(item);
    });

    expect(most).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, index) => index));
  });
});

describe('createProgress', () => {
  it('reports counts, rate and what is left, then the time taken', () => {
    let clock = 0;
    const lines: string[] = [];
    const progress = createProgress({ write: (text) => lines.push(text), isTTY: false }, () => clock);

    const phase = progress.phase('contacts', 100);
    clock = 4000;
    phase.tick(40);
    clock = 10_000;
    phase.tick(60);
    phase.done();

    expect(lines[0]).toMatch(/contacts\s+40\/100\s+10\.0\/s\s+ETA 6s/);
    expect(lines.at(-1)).toMatch(/contacts\s+100\/100\s+10\.0\/s\s+in 10s/);
  });
});
