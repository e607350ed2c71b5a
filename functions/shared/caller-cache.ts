import { LoadingCache, type AuthContext, type Clock } from '@rapport/domain';

/**
 * The longest a container may act on a caller's membership and role as they were: a disabled user,
 * a removed one or a changed role (or a custom role's changed permissions) takes effect on every
 * request that starts this long after the change, whichever container serves it.
 */
export const CALLER_STALENESS_MS = 5_000;

export interface CallerCacheOptions {
  /** Where the cache reads time, so tests move it instead of sleeping. */
  clock: Clock;
  /** Callers kept per container; the least recently used go first. */
  maxEntries?: number;
}

/** A caller resolver with the container's cache in front of it. */
export interface CachedCallers {
  (sub: string): Promise<AuthContext>;
  /** Drops what this container holds of a caller, so its own next request reads them afresh (after a sign-out). */
  forget(sub: string): void;
}

/**
 * Resolves each caller (tenant, role, permissions of an active membership) per container, keyed by
 * the token's `sub`, and reuses the answer for requests that start less than
 * {@link CALLER_STALENESS_MS} after the read began; concurrent requests of one caller share one
 * read. A refusal (no membership, not active) is never kept: the next request reads again.
 */
export function cacheCallers(resolve: (sub: string) => Promise<AuthContext>, options: CallerCacheOptions): CachedCallers {
  const now = () => options.clock.now().getTime();
  // The bound counts from when the read began, not from when the answer arrived.
  const callers = new LoadingCache<AuthContext>({ max: options.maxEntries ?? 10_000, ttlMs: CALLER_STALENESS_MS, now, load: resolve });
  const cached = (sub: string) => callers.fetch(sub, undefined);
  return Object.assign(cached, { forget: (sub: string) => callers.delete(sub) });
}
