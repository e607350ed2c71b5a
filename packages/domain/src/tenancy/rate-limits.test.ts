import { describe, expect, it } from 'vitest';
import { createRateLimiter, RATE_COUNTER_SHARDS, shareOf, type RateCounter, type RateSubject } from './rate-limits';

/** Counts as the DynamoDB counter does: per subject, shard, minute and second of the minute. */
function memoryCounter(): RateCounter & { total(): number } {
  const counts = new Map<string, number>();
  const keyOf = (subject: RateSubject, shard: number, at: Date, window: 'second' | 'minute') =>
    `${subject.tenantId}/${subject.kind === 'workspace' ? '-' : subject.keyId}/${shard}/${Math.floor(at.getTime() / 60_000)}/${window === 'second' ? at.getUTCSeconds() : 'm'}`;
  const add = (key: string, by: number) => counts.set(key, (counts.get(key) ?? 0) + by);
  return {
    count: async (subject, shard, at) => {
      add(keyOf(subject, shard, at, 'second'), 1);
      add(keyOf(subject, shard, at, 'minute'), 1);
      return { second: counts.get(keyOf(subject, shard, at, 'second'))!, minute: counts.get(keyOf(subject, shard, at, 'minute'))! };
    },
    uncount: async (subject, shard, at) => {
      add(keyOf(subject, shard, at, 'second'), -1);
      add(keyOf(subject, shard, at, 'minute'), -1);
    },
    total: () => [...counts].filter(([key]) => key.endsWith('/m')).reduce((sum, [, n]) => sum + n, 0),
  };
}

const workspace: RateSubject = { tenantId: 'T1', kind: 'workspace' };
const at = (iso: string) => ({ now: () => new Date(iso) });

describe('the rate limiter', () => {
  it('splits a limit into shard shares that sum to it exactly', () => {
    for (const limit of [4, 6, 7, 50, 1_500]) {
      const shares = Array.from({ length: RATE_COUNTER_SHARDS }, (_, shard) => shareOf(limit, shard));
      expect(shares.reduce((a, b) => a + b)).toBe(limit);
      expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
    }
  });

  it('never allows more than the burst in one second, whatever the shards are picked, and takes back refused counts', async () => {
    // Prepare
    const counter = memoryCounter();
    const limiter = createRateLimiter({ counter, limits: { workspace: { burstPerSecond: 10, perMinute: 1_000 }, ingestKey: { burstPerSecond: 1, perMinute: 1 } }, clock: at('2026-12-06T03:00:05.100Z') });

    // Act
    const states = [];
    for (let i = 0; i < 40; i++) states.push(await limiter(workspace));

    // Assess
    expect(states.filter((state) => state.allowed)).toHaveLength(10);
    expect(counter.total()).toBe(10);
    const refused = states.find((state) => !state.allowed)!;
    expect(refused).toEqual({ allowed: false, limit: 10, windowSeconds: 1, remaining: 0, resetSeconds: 1, retryAfterSeconds: 1, policy: '10;w=1, 1000;w=60' });
  });

  it('refuses over the minute\'s limit until the next minute, and reports the window closest to running out', async () => {
    // Prepare: 55 s into the minute, with a minute's limit of 4
    const counter = memoryCounter();
    const limiter = createRateLimiter({ counter, limits: { workspace: { burstPerSecond: 100, perMinute: 4 }, ingestKey: { burstPerSecond: 1, perMinute: 1 } }, clock: at('2026-12-06T03:00:55.300Z') });

    // Act
    const first = await limiter(workspace);
    for (let i = 0; i < 10; i++) await limiter(workspace);
    const refused = await limiter(workspace);

    // Assess
    expect(first).toMatchObject({ allowed: true, limit: 4, resetSeconds: 5 });
    expect(first.remaining).toBeLessThan(4);
    expect(refused).toMatchObject({ allowed: false, limit: 4, windowSeconds: 60, remaining: 0, retryAfterSeconds: 5, policy: '100;w=1, 4;w=60' });
  });

  it('counts each ingest key apart from the workspace and from the other keys', async () => {
    // Prepare
    const limiter = createRateLimiter({ counter: memoryCounter(), limits: { workspace: { burstPerSecond: 4, perMinute: 100 }, ingestKey: { burstPerSecond: 4, perMinute: 100 } }, clock: at('2026-12-06T03:00:00.000Z') });
    const keyA: RateSubject = { tenantId: 'T1', kind: 'ingest-key', keyId: 'A' };

    // Act
    for (let i = 0; i < 8; i++) await limiter(keyA);

    // Assess
    expect((await limiter(keyA)).allowed).toBe(false);
    expect((await limiter({ tenantId: 'T1', kind: 'ingest-key', keyId: 'B' })).allowed).toBe(true);
    expect((await limiter(workspace)).allowed).toBe(true);
    expect((await limiter({ tenantId: 'T2', kind: 'workspace' })).allowed).toBe(true);
  });

  it('tries a second shard when the first is full, so a workspace under its limit is not refused by chance', async () => {
    // Prepare: the random source picks shard 0 first every time
    const limiter = createRateLimiter({
      counter: memoryCounter(),
      limits: { workspace: { burstPerSecond: 8, perMinute: 100 }, ingestKey: { burstPerSecond: 1, perMinute: 1 } },
      clock: at('2026-12-06T03:00:00.000Z'),
      random: () => 0,
    });

    // Act
    const states = [];
    for (let i = 0; i < 4; i++) states.push(await limiter(workspace));

    // Assess: shard 0's share is 2; the next two go to shard 1
    expect(states.map((state) => state.allowed)).toEqual([true, true, true, true]);
    expect((await limiter(workspace)).allowed).toBe(false);
  });
});
