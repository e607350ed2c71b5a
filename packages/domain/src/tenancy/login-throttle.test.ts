import { describe, expect, it } from 'vitest';
import { LOGIN_THROTTLE, secondsToWait, waitAfter } from './login-throttle';

describe('the log-in throttle', () => {
  it('lets three failures pass, then doubles the wait from 1 s, then locks for 15 minutes from the tenth', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 25].map((failures) => waitAfter(failures) / 1000)).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 900, 900]);
  });

  it('counts the wait from the latest failure, in whole seconds rounded up, and forgets failures older than the window', () => {
    const last = new Date('2026-12-05T10:00:00.000Z');
    const after = (ms: number) => new Date(last.getTime() + ms);
    const record = { failures: 5, lastFailureAt: last.toISOString() };
    expect(secondsToWait(null, last)).toBe(0);
    expect(secondsToWait(record, after(0))).toBe(4);
    expect(secondsToWait(record, after(3_001))).toBe(1);
    expect(secondsToWait(record, after(4_000))).toBe(0);
    expect(secondsToWait({ failures: 10, lastFailureAt: last.toISOString() }, after(LOGIN_THROTTLE.windowMs))).toBe(0);
    expect(secondsToWait({ failures: 10, lastFailureAt: last.toISOString() }, after(LOGIN_THROTTLE.windowMs - 1_000))).toBe(1);
  });
});
