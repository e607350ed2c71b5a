/** How a {@link LoadingCache} is bounded, reads time and loads what it does not hold. */
export interface LoadingCacheOptions<V, C> {
  /** Entries kept; the least recently used go first. */
  max: number;
  /** How long an entry is served, counted from when its load began (or from its `set`). */
  ttlMs: number;
  /** Where the cache reads time (ms), so tests move it instead of sleeping. */
  now: () => number;
  load: (key: string, context: C) => Promise<V>;
}

/** Thrown to the callers of a load that `set` or `delete` made obsolete while it was in flight: its value is not kept. */
export class LoadSupersededError extends Error {
  override readonly name = 'LoadSupersededError';
  constructor(key: string) {
    super(`The load of ${key} was superseded while in flight`);
  }
}

/**
 * A bounded, least-recently-used cache with a TTL that loads what it lacks, one load per key at a
 * time (concurrent callers share it). A failed load is not kept. Written for the two per-container
 * caches (callers, data keys) in a few dozen lines, where lru-cache put 18 KiB in every handler bundle.
 */
export class LoadingCache<V, C = undefined> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #loads = new Map<string, Promise<V>>();
  readonly #options: LoadingCacheOptions<V, C>;

  constructor(options: LoadingCacheOptions<V, C>) {
    this.#options = options;
  }

  /** The fresh value held for `key`, made the most recently used; undefined if none. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (this.#options.now() >= entry.expiresAt) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** The value held for `key`, or the one a load (shared with any in flight) gives. */
  fetch(key: string, context: C): Promise<V> {
    const held = this.get(key);
    if (held !== undefined) return Promise.resolve(held);
    const inFlight = this.#loads.get(key);
    if (inFlight) return inFlight;
    const startedAt = this.#options.now();
    const load = this.#options.load(key, context).then(
      (value) => {
        if (this.#loads.get(key) !== load) throw new LoadSupersededError(key);
        this.#loads.delete(key);
        this.#store(key, value, startedAt);
        return value;
      },
      (error: unknown) => {
        if (this.#loads.get(key) === load) this.#loads.delete(key);
        throw error;
      },
    );
    this.#loads.set(key, load);
    return load;
  }

  /** Holds `value` from now; a load of `key` in flight is superseded. */
  set(key: string, value: V): void {
    this.#loads.delete(key);
    this.#entries.delete(key);
    this.#store(key, value, this.#options.now());
  }

  /** Forgets `key`; a load of it in flight is superseded. */
  delete(key: string): void {
    this.#loads.delete(key);
    this.#entries.delete(key);
  }

  /** The keys held (not those still loading). */
  keys(): string[] {
    return [...this.#entries.keys()];
  }

  #store(key: string, value: V, from: number): void {
    this.#entries.set(key, { value, expiresAt: from + this.#options.ttlMs });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#options.max) break;
      this.#entries.delete(oldest);
    }
  }
}
