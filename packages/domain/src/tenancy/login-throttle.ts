import { createHash } from 'node:crypto';

/**
 * Slowing down and then locking out repeated failed log-ins to one account, as Cognito's threat
 * protection does in AWS — here in our own records, so local mode and every plan behave the same.
 *
 * Counted per email address, whether or not an account has it: the answer to a throttled attempt
 * is the same for an unknown address as for a known one, so it never tells which exist. A correct
 * password during the wait is refused too (otherwise the wait would not slow a guesser down).
 */
export interface LoginFailures {
  /** Failed attempts in a row, none more than the window apart. */
  failures: number;
  /** ISO time of the latest failure. */
  lastFailureAt: string;
}

/** Where failed attempts are counted, by a digest of the email (never the address itself). */
export interface LoginAttemptStore {
  get(emailDigest: string): Promise<LoginFailures | null>;
  /** Counts one more failure (starting again at 1 when the last one is older than `windowMs`); answers the new count. */
  recordFailure(emailDigest: string, at: Date, windowMs: number): Promise<LoginFailures>;
  clear(emailDigest: string): Promise<void>;
}

export const LOGIN_THROTTLE = {
  /** Failures in a row that cost nothing: people mistype. */
  freeFailures: 3,
  /** From here on the account is locked for `lockMs`. */
  lockAfter: 10,
  lockMs: 15 * 60_000,
  /** A failure older than this (after the last one) starts the count again. */
  windowMs: 15 * 60_000,
};

/**
 * How long after the latest failure the next attempt must wait: nothing for the first few, then
 * 1 s, 2 s, 4 s … doubling, then the lock.
 */
export function waitAfter(failures: number, policy = LOGIN_THROTTLE): number {
  if (failures < policy.freeFailures) return 0;
  if (failures >= policy.lockAfter) return policy.lockMs;
  return Math.min(1000 * 2 ** (failures - policy.freeFailures), policy.lockMs);
}

/** Whole seconds the caller must still wait before trying again; 0 when they may try now. */
export function secondsToWait(record: LoginFailures | null, now: Date, policy = LOGIN_THROTTLE): number {
  if (!record) return 0;
  const last = Date.parse(record.lastFailureAt);
  if (now.getTime() - last > policy.windowMs) return 0;
  const remaining = last + waitAfter(record.failures, policy) - now.getTime();
  return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
}

/**
 * What failed log-ins are counted under: a digest of the address as the identity provider matches
 * it (case-insensitively), so the table holds no email in clear and one address has one count.
 */
export const loginEmailDigest = (email: string): string => createHash('sha256').update(`rapport:login:${email.trim().toLowerCase()}`).digest('base64url');
