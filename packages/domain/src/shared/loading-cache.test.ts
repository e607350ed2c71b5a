import { describe, expect, it } from 'vitest';
import { LoadingCache, LoadSupersededError } from './loading-cache';

/** A cache over a clock the test moves, counting loads; each load answers `<key>@<n>`. */
function aCache(max = 10, ttlMs = 1_000) {
  let time = 0;
  let loads = 0;
  const cache = new LoadingCache<string>({ max, ttlMs, now: () => time, load: async (key) => `${key}@${++loads}` });
  return { cache, advance: (ms: number) => (time += ms), loads: () => loads };
}

describe('LoadingCache', () => {
  it('serves a value until its TTL, counted from when the load began, and loads again from then on', async () => {
    // Prepare
    const { cache, advance } = aCache();
    await cache.fetch('a', undefined);

    // Act
    advance(999);
    const before = await cache.fetch('a', undefined);
    advance(1);
    const after = await cache.fetch('a', undefined);

    // Assess
    expect([before, after]).toEqual(['a@1', 'a@2']);
  });

  it('gives the callers of a load that set or delete superseded an error, and keeps the newer value', async () => {
    // Prepare
    const { cache } = aCache();
    const loading = cache.fetch('a', undefined);

    // Act
    cache.set('a', 'set');

    // Assess
    await expect(loading).rejects.toBeInstanceOf(LoadSupersededError);
    expect(cache.get('a')).toBe('set');
  });

  it('evicts the least recently used beyond max', async () => {
    // Prepare
    const { cache, loads } = aCache(2);
    await cache.fetch('a', undefined);
    await cache.fetch('b', undefined);
    await cache.fetch('a', undefined);

    // Act
    await cache.fetch('c', undefined);

    // Assess
    expect(cache.keys()).toEqual(['a', 'c']);
    expect(loads()).toBe(3);
  });
});
