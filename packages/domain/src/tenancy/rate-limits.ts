import type { Clock } from '../shared/clock';

/**
 * Fair use per tenant: how many requests a workspace, and each of its ingest keys, may make in any
 * second (the burst) and in any minute (the sustained rate), counted in fixed windows.
 *
 * Why these figures: a workspace of ten people in the console makes a few requests per page, so
 * even all of them clicking at once stays well under 50 in a second, and an integration syncing
 * records one at a time gets 25 per second on average. At 50 in a second and ~100 ms per
 * request, one workspace holds at most ~5 Lambda instances at once, so a thousand of the account's
 * concurrency serve ~200 workspaces at their limit together: one noisy workspace cannot starve the
 * others. Bulk data goes through imports, never request by request. An ingest key is a website's
 * tag sending behaviour events in batches of up to 500, so fewer requests go further: 10 in a
 * second and 300 in a minute (150,000 events a minute).
 */
export const RATE_LIMITS: RateLimits = {
  workspace: { burstPerSecond: 50, perMinute: 1_500 },
  ingestKey: { burstPerSecond: 10, perMinute: 300 },
};

export interface RateLimitPolicy {
  /** Requests in any one second (a fixed window starting on the whole second). */
  burstPerSecond: number;
  /** Requests in any one minute (a fixed window starting on the whole minute). */
  perMinute: number;
}

export interface RateLimits {
  /** A workspace's members, all routes but the public ones, together. */
  workspace: RateLimitPolicy;
  /** Each ingest key on its own (its requests do not count against the workspace's). */
  ingestKey: RateLimitPolicy;
}

/**
 * The counters are spread over this many shards, each its own partition, and each shard allows its
 * share of a limit: no counter item is shared by all of a workspace's requests (a limit of N is
 * split into shares summing to exactly N, so a workspace is never allowed more than its limit).
 */
export const RATE_COUNTER_SHARDS = 4;

/** Whose requests are counted: the workspace's members together, or one ingest key. */
export type RateSubject = { tenantId: string; kind: 'workspace' } | { tenantId: string; kind: 'ingest-key'; keyId: string };

/** A shard's counts for the windows a request falls in, after counting it. */
export interface WindowCounts {
  second: number;
  minute: number;
}

/** Where requests are counted: one item per subject, shard and minute, holding the minute's and each second's count. */
export interface RateCounter {
  /** Counts one request at `at` on `shard`; answers the shard's counts including it. */
  count(subject: RateSubject, shard: number, at: Date): Promise<WindowCounts>;
  /** Takes back a count that was refused, so refused requests do not use up the budget. */
  uncount(subject: RateSubject, shard: number, at: Date): Promise<void>;
}

/** What the caller is told: about the window closest to running out, as the IETF RateLimit draft asks. */
export interface RateLimitState {
  allowed: boolean;
  /** The limit of the window reported on (requests in it). */
  limit: number;
  /** That window's length. */
  windowSeconds: 1 | 60;
  /** An estimate: the shard's remaining share times the number of shards. */
  remaining: number;
  /** Whole seconds until that window starts again (at least 1). */
  resetSeconds: number;
  /** Seconds to wait before trying again, when refused. */
  retryAfterSeconds: number;
  /** Both windows as `<limit>;w=<seconds>` (the draft's RateLimit-Policy). */
  policy: string;
}

export type RateLimiter = (subject: RateSubject) => Promise<RateLimitState>;

/** Shard `shard`'s part of `limit`: the shares of all shards sum to `limit` exactly. */
export const shareOf = (limit: number, shard: number, shards = RATE_COUNTER_SHARDS): number =>
  Math.floor(limit / shards) + (shard < limit % shards ? 1 : 0);

/**
 * Counts a request on a shard picked at random and allows it while that shard is within its share
 * of both windows. A shard over its share is asked back, and one other shard picked at random is
 * tried (the power of two choices): a workspace under its limit is then rarely refused because
 * chance sent more of its requests to one shard, and never let past it, as each allowed request was
 * within a shard's share.
 */
export function createRateLimiter(deps: { counter: RateCounter; limits: RateLimits; clock: Clock; random?: () => number }): RateLimiter {
  const random = deps.random ?? Math.random;
  return async (subject) => {
    const policy = subject.kind === 'workspace' ? deps.limits.workspace : deps.limits.ingestKey;
    const at = deps.clock.now();
    const first = Math.floor(random() * RATE_COUNTER_SHARDS);
    const second = (first + 1 + Math.floor(random() * (RATE_COUNTER_SHARDS - 1))) % RATE_COUNTER_SHARDS;
    let state: RateLimitState | undefined;
    for (const shard of [first, second]) {
      const counts = await deps.counter.count(subject, shard, at);
      state = stateOf(policy, shard, counts, at);
      if (state.allowed) return state;
      await deps.counter.uncount(subject, shard, at);
    }
    return state!;
  };
}

function stateOf(policy: RateLimitPolicy, shard: number, counts: WindowCounts, at: Date): RateLimitState {
  const ms = at.getTime();
  const windows = [
    { windowSeconds: 1 as const, limit: policy.burstPerSecond, share: shareOf(policy.burstPerSecond, shard), count: counts.second, resetSeconds: 1 },
    { windowSeconds: 60 as const, limit: policy.perMinute, share: shareOf(policy.perMinute, shard), count: counts.minute, resetSeconds: Math.max(1, Math.ceil((60_000 - (ms % 60_000)) / 1000)) },
  ].map((window) => ({ ...window, over: window.count > window.share, remaining: Math.max(0, Math.min(window.limit, (window.share - window.count) * RATE_COUNTER_SHARDS)) }));
  const over = windows.filter((window) => window.over);
  const reported = over.length > 0 ? over[over.length - 1]! : windows.reduce((low, window) => (window.remaining < low.remaining ? window : low));
  return {
    allowed: over.length === 0,
    limit: reported.limit,
    windowSeconds: reported.windowSeconds,
    remaining: over.length > 0 ? 0 : reported.remaining,
    resetSeconds: reported.resetSeconds,
    retryAfterSeconds: over.length > 0 ? Math.max(...over.map((window) => window.resetSeconds)) : 0,
    policy: `${policy.burstPerSecond};w=1, ${policy.perMinute};w=60`,
  };
}
