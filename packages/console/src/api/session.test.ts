import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../test/render';
import { createSession, type SessionTokens } from './session';

const tokens = (accessToken: string, refreshToken?: string): SessionTokens => ({ accessToken, expiresIn: 3600, ...(refreshToken ? { refreshToken } : {}) });

describe('the browser session', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps the access token in memory only and refreshes it a minute before it expires', async () => {
    // Prepare
    const storage = memoryStorage();
    const refresh = vi.fn(async () => tokens('access-2'));
    const session = createSession({ storage, refresh });

    // Act
    session.signIn(tokens('access-1', 'refresh-1'));
    await vi.advanceTimersByTimeAsync(3600_000 - 61_000);
    const before = session.accessToken();
    await vi.advanceTimersByTimeAsync(2_000);

    // Assess
    expect(before).toBe('access-1');
    expect(refresh).toHaveBeenCalledExactlyOnceWith('refresh-1');
    expect(session.accessToken()).toBe('access-2');
    expect(storage.getItem('rapport.refreshToken')).toBe('refresh-1');
    expect(JSON.stringify(storage)).not.toContain('access');
  });

  it('ends as expired, forgetting every token, when the API refuses the refresh token', async () => {
    // Prepare
    const storage = memoryStorage();
    const session = createSession({ storage, refresh: async () => null });
    const states: string[] = [];
    session.subscribe((state) => states.push(state));
    session.signIn(tokens('access-1', 'refresh-1'));

    // Act
    const refreshed = await Promise.all([session.refresh(), session.refresh()]);

    // Assess
    expect(refreshed).toEqual([false, false]);
    expect(states).toEqual(['signed-in', 'expired']);
    expect(session.accessToken()).toBeNull();
    expect(storage.getItem('rapport.refreshToken')).toBeNull();
  });

  it('signs in again after a reload from the stored refresh token', async () => {
    // Prepare
    const storage = memoryStorage();
    storage.setItem('rapport.refreshToken', 'refresh-1');
    const session = createSession({ storage, refresh: async (token) => (token === 'refresh-1' ? tokens('access-2') : null) });

    // Act
    const restored = await session.restore();

    // Assess
    expect(restored).toBe(true);
    expect(session.state()).toBe('signed-in');
    expect(session.accessToken()).toBe('access-2');
  });
});
