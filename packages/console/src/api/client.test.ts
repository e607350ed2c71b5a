import { describe, expect, it, vi } from 'vitest';
import { json, memoryStorage } from '../test/render';
import { createApiClient } from './client';
import { ApiError, unwrap } from './errors';
import { createSession } from './session';

const me = { user: { id: 'u1', email: 'ann@acme.test', name: 'Ann', status: 'active' }, tenant: { id: 't1', name: 'Acme', createdAt: '2026-01-01T00:00:00.000Z' }, role: 'owner', permissions: [] };

describe('the API client', () => {
  it('sends the access token, and on a 401 refreshes once and sends the request again', async () => {
    // Prepare
    const session = createSession({ storage: memoryStorage(), refresh: async () => ({ accessToken: 'fresh', expiresIn: 3600 }) });
    session.signIn({ accessToken: 'stale', refreshToken: 'r', expiresIn: 3600 });
    const seen: string[] = [];
    const fetch = vi.fn(async (request: Request) => {
      seen.push(request.headers.get('authorization') ?? '');
      return request.headers.get('authorization') === 'Bearer fresh' ? json(200, me) : json(401, { error: { code: 'UNAUTHENTICATED', message: 'The token has expired', requestId: 'r1' } });
    });
    const client = createApiClient({ session, baseUrl: 'http://console.test', fetch: fetch as unknown as typeof globalThis.fetch });

    // Act
    const answer = await unwrap(client.GET('/v1/me'));

    // Assess
    expect(answer.user.name).toBe('Ann');
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('ends the session as expired when the refresh is refused too, and reports the 401', async () => {
    // Prepare
    const session = createSession({ storage: memoryStorage(), refresh: async () => null });
    session.signIn({ accessToken: 'stale', refreshToken: 'r', expiresIn: 3600 });
    const fetch = async () => json(401, { error: { code: 'UNAUTHENTICATED', message: 'The token has expired', requestId: 'r1' } });
    const client = createApiClient({ session, baseUrl: 'http://console.test', fetch: fetch as unknown as typeof globalThis.fetch });

    // Act
    const failure = await unwrap(client.GET('/v1/me')).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(401);
    expect(session.state()).toBe('expired');
  });

  it('names the missing permission of a 403', async () => {
    // Prepare
    const session = createSession({ storage: memoryStorage(), refresh: async () => null });
    const fetch = async () => json(403, { error: { code: 'FORBIDDEN', message: 'Your role does not allow this', details: { permission: 'users:manage' }, requestId: 'r2' } });
    const client = createApiClient({ session, baseUrl: 'http://console.test', fetch: fetch as unknown as typeof globalThis.fetch });

    // Act
    const failure = (await unwrap(client.GET('/v1/users')).catch((error: unknown) => error)) as ApiError;

    // Assess
    expect(failure.missingPermission).toBe('users:manage');
    expect(failure.requestId).toBe('r2');
  });
});
