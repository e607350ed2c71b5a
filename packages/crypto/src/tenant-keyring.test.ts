import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DataKeyStore } from './data-key-store';
import { KeyNotFoundError } from './errors';
import { InMemoryDataKeyStore } from './in-memory-data-key-store';
import { LocalKeyProvider } from './local-key-provider';
import { TenantKeyring, type TenantKeyringOptions } from './tenant-keyring';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rapport-keyring-'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** A clock the test moves by hand; the keyring's caches read their time from it. */
function aClock() {
  let now = Date.parse('2026-03-01T09:00:00.000Z');
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

/** A real local provider (one master key for the file) with spies on it, over an in-memory store. */
function aKeyring(options: Partial<TenantKeyringOptions> = {}) {
  const provider = options.provider ?? new LocalKeyProvider({ masterKeyFile: join(dir, 'master.key') });
  const store = options.store ?? new InMemoryDataKeyStore();
  const clock = aClock();
  const spies = {
    generateDataKey: vi.spyOn(provider, 'generateDataKey'),
    unwrap: vi.spyOn(provider, 'unwrap'),
    rewrap: vi.spyOn(provider, 'rewrap'),
  };
  return { keyring: new TenantKeyring({ clock, ...options, provider, store }), provider, store, clock, spies };
}

/** Another container: a keyring with an empty cache over the same store and master key. */
function anotherContainer(store: DataKeyStore, options: Partial<TenantKeyringOptions> = {}) {
  return aKeyring({ ...options, store });
}

describe('TenantKeyring: the first key', () => {
  it('creates version 1 on first use and stores it only wrapped', async () => {
    // Prepare
    const { keyring, store } = aKeyring();

    // Act
    const active = await keyring.activeKey('tenant-a');

    // Assess
    expect(active.version).toBe(1);
    expect(active.key).toHaveLength(32);
    const records = await store.list('tenant-a');
    expect(records).toEqual([
      { tenantId: 'tenant-a', version: 1, wrappedKey: expect.any(String), masterKeyId: expect.stringMatching(/^local:/), createdAt: '2026-03-01T09:00:00.000Z' },
    ]);
    expect(Buffer.from(records[0]!.wrappedKey, 'base64').includes(active.key)).toBe(false);
  });

  it('gives two containers racing to create the first key the same key', async () => {
    // Prepare
    const first = aKeyring();
    const second = anotherContainer(first.store);

    // Act
    const [a, b] = await Promise.all([first.keyring.activeKey('tenant-a'), second.keyring.activeKey('tenant-a')]);

    // Assess
    expect(first.spies.generateDataKey.mock.calls.length + second.spies.generateDataKey.mock.calls.length).toBe(2);
    expect(await first.store.list('tenant-a')).toHaveLength(1);
    expect([a.version, b.version]).toEqual([1, 1]);
    expect(a.key.equals(b.key)).toBe(true);
  });

  it('serves a load of version 1 that was in flight while the same container created it', async () => {
    // Prepare: the first look-up of the key finds nothing yet, and answers only after the creation
    const store = new InMemoryDataKeyStore();
    const { keyring } = aKeyring({ store });
    let release!: () => void;
    const created = new Promise<void>((resolve) => (release = resolve));
    const get = store.get.bind(store);
    vi.spyOn(store, 'get').mockImplementationOnce(async (tenantId, version) => {
      const before = await get(tenantId, version);
      await created;
      return before;
    });

    // Act: a blind-index lookup and a first write of a new tenant, together
    const index = keyring.blindIndexKey('tenant-new');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const active = await keyring.activeKey('tenant-new');
    release();

    // Assess
    expect(active.version).toBe(1);
    await expect(index).resolves.toHaveLength(32);
  });

  it('keeps tenants apart: each has its own key', async () => {
    // Prepare
    const { keyring } = aKeyring();

    // Act
    const [a, b] = await Promise.all([keyring.activeKey('tenant-a'), keyring.activeKey('tenant-b')]);

    // Assess
    expect(a.key.equals(b.key)).toBe(false);
  });

  it('refuses a version that cannot exist', async () => {
    // Prepare
    const { keyring } = aKeyring();
    await keyring.activeKey('tenant-a');

    // Act
    const failures = await Promise.all([0, -1, 1.5, 2].map((version) => keyring.keyFor('tenant-a', version).catch((error: unknown) => error)));

    // Assess
    for (const failure of failures) expect(failure).toBeInstanceOf(KeyNotFoundError);
  });
});

describe('TenantKeyring: the cache', () => {
  it('unwraps a stored key once for many uses, however concurrent', async () => {
    // Prepare
    const creator = aKeyring();
    const { key } = await creator.keyring.activeKey('tenant-a');
    const { keyring, spies } = anotherContainer(creator.store);

    // Act
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => keyring.keyFor('tenant-a', 1)));
    const sequential = [];
    for (let i = 0; i < 20; i++) sequential.push(await keyring.keyFor('tenant-a', 1));
    await keyring.activeKey('tenant-a');

    // Assess
    expect(spies.unwrap).toHaveBeenCalledTimes(1);
    for (const used of [...concurrent, ...sequential]) expect(used.equals(key)).toBe(true);
  });

  it('unwraps again once the TTL has passed, not before', async () => {
    // Prepare
    const creator = aKeyring();
    await creator.keyring.activeKey('tenant-a');
    const { keyring, spies, clock } = anotherContainer(creator.store, { cacheTtlMs: 300_000 });
    await keyring.keyFor('tenant-a', 1);

    // Act
    clock.advance(299_000);
    await keyring.keyFor('tenant-a', 1);
    const beforeExpiry = spies.unwrap.mock.calls.length;
    clock.advance(2_000);
    await keyring.keyFor('tenant-a', 1);

    // Assess
    expect(beforeExpiry).toBe(1);
    expect(spies.unwrap).toHaveBeenCalledTimes(2);
  });

  it('holds at most maxCachedKeys keys: the least recently used is evicted', async () => {
    // Prepare
    const creator = aKeyring();
    for (const tenant of ['tenant-a', 'tenant-b', 'tenant-c']) await creator.keyring.activeKey(tenant);
    const { keyring, spies } = anotherContainer(creator.store, { maxCachedKeys: 2 });
    await keyring.keyFor('tenant-a', 1);
    await keyring.keyFor('tenant-b', 1);

    // Act
    await keyring.keyFor('tenant-c', 1);
    await keyring.keyFor('tenant-b', 1);
    await keyring.keyFor('tenant-a', 1);

    // Assess
    expect(spies.unwrap.mock.calls.map(([tenantId]) => tenantId)).toEqual(['tenant-a', 'tenant-b', 'tenant-c', 'tenant-a']);
  });

  it('does not cache a failure: the next use tries again', async () => {
    // Prepare
    const creator = aKeyring();
    await creator.keyring.activeKey('tenant-a');
    const { keyring, spies } = anotherContainer(creator.store);
    spies.unwrap.mockRejectedValueOnce(new Error('injected: KMS throttled'));

    // Act
    const first = keyring.keyFor('tenant-a', 1);
    await expect(first).rejects.toThrow('injected');
    const second = await keyring.keyFor('tenant-a', 1);

    // Assess
    expect(second).toHaveLength(32);
    expect(spies.unwrap).toHaveBeenCalledTimes(2);
  });
});

describe('TenantKeyring: rotation', () => {
  it('starts a new version and rewraps the old ones, which still give the same key', async () => {
    // Prepare
    const { keyring, store, spies } = aKeyring();
    const v1 = await keyring.activeKey('tenant-a');
    const wrappedBefore = (await store.get('tenant-a', 1))!.wrappedKey;

    // Act
    const result = await keyring.rotate('tenant-a');

    // Assess
    expect(result).toEqual({ activeVersion: 2, rewrapped: 1 });
    expect(spies.rewrap).toHaveBeenCalledTimes(1);
    expect((await store.get('tenant-a', 1))!.wrappedKey).not.toBe(wrappedBefore);
    const active = await keyring.activeKey('tenant-a');
    expect(active.version).toBe(2);
    expect(active.key.equals(v1.key)).toBe(false);
    const fresh = anotherContainer(store);
    expect((await fresh.keyring.keyFor('tenant-a', 1)).equals(v1.key)).toBe(true);
  });

  it('rewraps every older version on each rotation', async () => {
    // Prepare
    const { keyring } = aKeyring();
    await keyring.activeKey('tenant-a');
    await keyring.rotate('tenant-a');

    // Act
    const result = await keyring.rotate('tenant-a');

    // Assess
    expect(result).toEqual({ activeVersion: 3, rewrapped: 2 });
  });

  it('lets two rotations at once both succeed, each with its own version', async () => {
    // Prepare
    const first = aKeyring();
    await first.keyring.activeKey('tenant-a');
    const second = anotherContainer(first.store);

    // Act
    const results = await Promise.all([first.keyring.rotate('tenant-a'), second.keyring.rotate('tenant-a')]);

    // Assess
    expect(results.map((result) => result.activeVersion).sort()).toEqual([2, 3]);
    expect((await first.store.list('tenant-a')).map((record) => record.version)).toEqual([1, 2, 3]);
  });

  it('lets another container keep the previous version until its active-version TTL passes', async () => {
    // Prepare
    const rotator = aKeyring();
    await rotator.keyring.activeKey('tenant-a');
    const other = anotherContainer(rotator.store, { activeVersionTtlMs: 60_000 });
    await other.keyring.activeKey('tenant-a');
    await rotator.keyring.rotate('tenant-a');

    // Act
    const meanwhile = await other.keyring.activeKey('tenant-a');
    other.clock.advance(60_001);
    const after = await other.keyring.activeKey('tenant-a');

    // Assess
    expect(meanwhile.version).toBe(1);
    expect(after.version).toBe(2);
  });
});

describe('TenantKeyring: shredding', () => {
  it('deletes every version and forgets the keys it held, leaving other tenants alone', async () => {
    // Prepare
    const { keyring, store } = aKeyring();
    await keyring.activeKey('tenant-a');
    await keyring.rotate('tenant-a');
    const otherTenant = await keyring.activeKey('tenant-b');

    // Act
    const deleted = await keyring.shred('tenant-a');

    // Assess
    expect(deleted).toBe(2);
    expect(await store.list('tenant-a')).toEqual([]);
    await expect(keyring.keyFor('tenant-a', 1)).rejects.toBeInstanceOf(KeyNotFoundError);
    await expect(keyring.keyFor('tenant-a', 2)).rejects.toBeInstanceOf(KeyNotFoundError);
    await expect(anotherContainer(store).keyring.keyFor('tenant-a', 1)).rejects.toBeInstanceOf(KeyNotFoundError);
    expect((await keyring.keyFor('tenant-b', 1)).equals(otherTenant.key)).toBe(true);
  });

  it('does not keep a key that was being loaded while the tenant was shredded', async () => {
    // Prepare
    const creator = aKeyring();
    await creator.keyring.activeKey('tenant-a');
    const { keyring, spies } = anotherContainer(creator.store);
    let releaseUnwrap = () => {};
    const unwrapStarted = new Promise<void>((started) => {
      spies.unwrap.mockImplementationOnce(async (...args) => {
        started();
        await new Promise<void>((release) => (releaseUnwrap = release));
        return new LocalKeyProvider({ masterKeyFile: join(dir, 'master.key') }).unwrap(...args);
      });
    });
    const loading = keyring.keyFor('tenant-a', 1).catch(() => null);
    await unwrapStarted;

    // Act
    await keyring.shred('tenant-a');
    releaseUnwrap();
    await loading;

    // Assess
    await expect(keyring.keyFor('tenant-a', 1)).rejects.toBeInstanceOf(KeyNotFoundError);
  });

  it('starts an unrelated key if the tenant is used again after shredding', async () => {
    // Prepare
    const { keyring } = aKeyring();
    const before = await keyring.activeKey('tenant-a');
    await keyring.shred('tenant-a');

    // Act
    const after = await keyring.activeKey('tenant-a');

    // Assess
    expect(after.version).toBe(1);
    expect(after.key.equals(before.key)).toBe(false);
  });
});

describe('TenantKeyring: the blind-index key', () => {
  it('stays the same across rotations, and in another container', async () => {
    // Prepare
    const { keyring, store } = aKeyring();
    const before = await keyring.blindIndexKey('tenant-a');

    // Act
    await keyring.rotate('tenant-a');
    await keyring.rotate('tenant-a');
    const after = await keyring.blindIndexKey('tenant-a');
    const elsewhere = await anotherContainer(store).keyring.blindIndexKey('tenant-a');

    // Assess
    expect(before).toHaveLength(32);
    expect(after.equals(before)).toBe(true);
    expect(elsewhere.equals(before)).toBe(true);
  });

  it('creates the tenant\'s first key when asked before any write, and differs per tenant', async () => {
    // Prepare
    const { keyring, store } = aKeyring();

    // Act
    const a = await keyring.blindIndexKey('tenant-a');
    const b = await keyring.blindIndexKey('tenant-b');

    // Assess
    expect((await store.list('tenant-a')).map((record) => record.version)).toEqual([1]);
    expect(a.equals(b)).toBe(false);
    expect(a.equals((await keyring.keyFor('tenant-a', 1)))).toBe(false);
  });
});
