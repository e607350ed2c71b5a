import { LoadingCache, type Clock } from '@rapport/domain';
import { deriveBlindIndexKey } from './blind-index';
import type { DataKeyRecord, DataKeyStore } from './data-key-store';
import { DataKeyConflictError, KeyNotFoundError } from './errors';
import type { KeyProvider } from './key-provider';

/** The keyring's ports, and how long and how many keys it keeps in clear. */
export interface TenantKeyringOptions {
  provider: KeyProvider;
  store: DataKeyStore;
  clock?: Clock;
  /**
   * How long a data key stays in clear in this container's memory. The provider (KMS) is called
   * about once per tenant, key version and container per TTL; it is also how long a shredded
   * tenant's keys may survive in other containers' memory.
   */
  cacheTtlMs?: number;
  /** Bounds the memory the cache holds in clear, and so how many tenants stay warm. */
  maxCachedKeys?: number;
  /**
   * How long a tenant's active version is trusted without reading the store. After a rotation,
   * other containers keep encrypting under the previous version for up to this long; that is safe,
   * since every version still decrypts, and values are re-encrypted under the new one on their next write.
   */
  activeVersionTtlMs?: number;
}

/** Which version encrypts a tenant's new values, and that key in clear. */
export interface ActiveKey {
  version: number;
  key: Buffer;
}

/** What a rotation did. */
export interface RotationResult {
  activeVersion: number;
  /** Existing versions re-wrapped under the current master key. */
  rewrapped: number;
}

/** What a key load needs: the key's address, and its record when the caller already read it. */
interface KeyContext {
  tenantId: string;
  version: number;
  record?: DataKeyRecord;
}

/** Two rotations racing for the same version: the loser retries on the next version, this many times at most. */
const MAX_ROTATION_ATTEMPTS = 3;
const systemClock: Clock = { now: () => new Date() };

/**
 * The tenants' data keys for one container. Wrapped keys live in the store; keys in clear live only
 * here, in bounded LRU caches with a TTL. Concurrent requests for the same key share one load, so a
 * cold container calls the provider once per key, not once per request.
 */
export class TenantKeyring {
  readonly #provider: KeyProvider;
  readonly #store: DataKeyStore;
  readonly #clock: Clock;
  readonly #keys: LoadingCache<Buffer, KeyContext>;
  readonly #activeVersions: LoadingCache<number>;

  constructor(options: TenantKeyringOptions) {
    this.#provider = options.provider;
    this.#store = options.store;
    this.#clock = options.clock ?? systemClock;
    const max = options.maxCachedKeys ?? 1000;
    // The caches read time from the clock, so tests move it instead of patching `performance`.
    const now = () => this.#clock.now().getTime();
    this.#keys = new LoadingCache<Buffer, KeyContext>({ max, ttlMs: options.cacheTtlMs ?? 300_000, now, load: (_key, context) => this.#loadKey(context) });
    this.#activeVersions = new LoadingCache<number>({
      max,
      ttlMs: options.activeVersionTtlMs ?? 60_000,
      now,
      load: (tenantId) => this.#resolveActiveVersion(tenantId),
    });
  }

  /** The key new values are encrypted with; creates the tenant's first key on first use. */
  async activeKey(tenantId: string): Promise<ActiveKey> {
    const version = await this.#activeVersions.fetch(tenantId, undefined);
    return { version, key: await this.keyFor(tenantId, version) };
  }

  /** A given version of the tenant's key; throws `KeyNotFoundError` if it does not exist (or was shredded). */
  async keyFor(tenantId: string, version: number): Promise<Buffer> {
    if (!Number.isSafeInteger(version) || version < 1) throw new KeyNotFoundError(tenantId, version);
    const key = cacheKey(tenantId, version);
    try {
      return await this.#keys.fetch(key, { tenantId, version });
    } catch (error) {
      // A load in flight is aborted when the same version is set meanwhile: this container has just
      // created it (a new tenant's first requests arriving together). Use the key it set.
      const created = this.#keys.get(key);
      if (created) return created;
      throw error;
    }
  }

  /**
   * Starts a new key version for new values and re-wraps every older version under the current
   * master key (after the master key rotated, or to retire a master key). Older versions are kept,
   * so everything written before stays readable.
   */
  async rotate(tenantId: string): Promise<RotationResult> {
    for (let attempt = 1; ; attempt++) {
      const latest = await this.#store.latest(tenantId);
      const version = (latest?.version ?? 0) + 1;
      try {
        await this.#createVersion(tenantId, version);
      } catch (error) {
        if (error instanceof DataKeyConflictError && attempt < MAX_ROTATION_ATTEMPTS) continue;
        throw error;
      }
      this.#activeVersions.set(tenantId, version);
      return { activeVersion: version, rewrapped: await this.#rewrapAllBut(tenantId, version) };
    }
  }

  /**
   * Crypto-shredding: deletes every key of the tenant, which makes all its encrypted values
   * unreadable, and forgets the keys held here. Other containers forget theirs within `cacheTtlMs`,
   * so stop serving the tenant before shredding it: a request that still arrives would start a new,
   * unrelated first key (under which the old values do not decrypt either).
   */
  async shred(tenantId: string): Promise<number> {
    const versions = (await this.#store.list(tenantId)).map((record) => record.version);
    const deleted = await this.#store.deleteAll(tenantId);
    this.#activeVersions.delete(tenantId);
    // Deleting the listed versions also aborts a load in flight; the scan catches any other entry.
    for (const version of versions) this.#keys.delete(cacheKey(tenantId, version));
    for (const key of this.#keys.keys()) if (tenantOf(key) === tenantId) this.#keys.delete(key);
    return deleted;
  }

  /**
   * The tenant's blind-index key, derived from data key version 1 so index values survive every
   * rotation (see `deriveBlindIndexKey`). Creates the tenant's first key if it has none, so a
   * lookup in a new tenant computes the value its first write will store.
   */
  async blindIndexKey(tenantId: string): Promise<Buffer> {
    try {
      return deriveBlindIndexKey(await this.keyFor(tenantId, 1), tenantId);
    } catch (error) {
      if (!(error instanceof KeyNotFoundError)) throw error;
    }
    await this.activeKey(tenantId);
    return deriveBlindIndexKey(await this.keyFor(tenantId, 1), tenantId);
  }

  async #loadKey({ tenantId, version, record }: KeyContext): Promise<Buffer> {
    const stored = record ?? (await this.#store.get(tenantId, version));
    if (!stored) throw new KeyNotFoundError(tenantId, version);
    return this.#provider.unwrap(tenantId, Buffer.from(stored.wrappedKey, 'base64'), stored.masterKeyId);
  }

  async #resolveActiveVersion(tenantId: string): Promise<number> {
    const latest = await this.#store.latest(tenantId);
    if (latest) {
      // Loads the key from the record in hand, so the first use does not read it again.
      await this.#keys.fetch(cacheKey(tenantId, latest.version), { tenantId, version: latest.version, record: latest });
      return latest.version;
    }
    try {
      await this.#createVersion(tenantId, 1);
      return 1;
    } catch (error) {
      if (!(error instanceof DataKeyConflictError)) throw error;
      // Another container created the first key a moment ago: use theirs.
      const winner = await this.#store.latest(tenantId);
      if (!winner) throw new KeyNotFoundError(tenantId, 1, { cause: error });
      return winner.version;
    }
  }

  async #createVersion(tenantId: string, version: number): Promise<void> {
    const { plaintext, wrapped, masterKeyId } = await this.#provider.generateDataKey(tenantId);
    await this.#store.create({
      tenantId,
      version,
      wrappedKey: wrapped.toString('base64'),
      masterKeyId,
      createdAt: this.#clock.now().toISOString(),
    });
    this.#keys.set(cacheKey(tenantId, version), plaintext);
  }

  /** One at a time: a tenant has few versions, and KMS request quotas are shared by all tenants. */
  async #rewrapAllBut(tenantId: string, activeVersion: number): Promise<number> {
    let rewrapped = 0;
    for (const record of await this.#store.list(tenantId)) {
      if (record.version === activeVersion) continue;
      const result = await this.#provider.rewrap(tenantId, Buffer.from(record.wrappedKey, 'base64'), record.masterKeyId);
      await this.#store.replaceWrapped(tenantId, record.version, result.wrapped.toString('base64'), result.masterKeyId);
      rewrapped++;
    }
    return rewrapped;
  }
}

/** Cache keys as JSON, so no tenant id can be mistaken for another's prefix. */
const cacheKey = (tenantId: string, version: number) => JSON.stringify([tenantId, version]);
const tenantOf = (key: string) => (JSON.parse(key) as [string, number])[0];
