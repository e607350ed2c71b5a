import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi, type TestApi } from '../support/test-stack';
import { claimsOf, signToken, unsignedToken } from '../support/tokens';

const stack = useTestApi();
let tenant: Awaited<ReturnType<TestApi['api']['newTenant']>>;
let claims: Record<string, unknown>;

const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  tenant = await stack.api.newTenant();
  claims = claimsOf(tenant.token);
});

describe('bearer tokens on a protected route', () => {
  it('accepts the access token from login', async () => {
    const response = await stack.api.request('GET', '/v1/me', { token: tenant.token });

    expect(response.status).toBe(200);
  });

  it('accepts a token re-signed with the pool key and the same claims (the control for the cases below)', async () => {
    const response = await stack.api.request('GET', '/v1/me', { token: signToken({ ...claims, exp: now() + 600 }) });

    expect(response.status).toBe(200);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a non-Bearer scheme', 'Basic dXNlcjpwYXNz'],
    ['an empty Bearer token', 'Bearer '],
    ['a token that is not a JWT', 'Bearer not.a.jwt'],
  ])('refuses %s with 401', async (_case, header) => {
    const response = await stack.api.request('GET', '/v1/me', header === undefined ? {} : { headers: { authorization: header } });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it.each([
    ['an expired token', () => signToken({ ...claims, iat: now() - 7200, exp: now() - 3600 })],
    ['an unsigned (alg: none) token', () => unsignedToken({ ...claims })],
    ['a token signed by another key', () => signToken({ ...claims }, { key: 'stranger' })],
    ['a token whose signature belongs to other claims', () => `${tenant.token.split('.').slice(0, 1).join('.')}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${tenant.token.split('.')[2]}`],
    ['a token from another user pool', () => signToken({ ...claims, iss: `${stack.engines.cognito}/local_otherPool` })],
    ['a token for another app client', () => signToken({ ...claims, client_id: 'another-app-client' })],
    ['an id token instead of an access token', () => tenant.tokens.idToken],
    ['a token with an unknown key id', () => signToken({ ...claims }, { kid: 'rotated-away' })],
  ])('refuses %s with 401', async (_case, token) => {
    const response = await stack.api.request('GET', '/v1/me', { token: token() });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a valid token whose user has no membership in any workspace', async () => {
    const response = await stack.api.request('GET', '/v1/me', { token: signToken({ ...claims, sub: crypto.randomUUID() }) });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('MEMBERSHIP_INACTIVE');
  });

  it('never takes the tenant from the request: a tenant id in query or headers is ignored', async () => {
    const other = await stack.api.newTenant();
    await stack.api.request('POST', '/v1/contacts', { token: other.token, body: { firstName: 'Secret' } });

    const response = await stack.api.request('GET', `/v1/contacts?tenantId=${other.tenantId}`, {
      token: tenant.token,
      headers: { 'x-tenant-id': other.tenantId },
    });

    // Unknown query parameters are refused outright, and the header has no effect.
    expect(response.status).toBe(400);
    const listed = await stack.api.request('GET', '/v1/contacts', { token: tenant.token, headers: { 'x-tenant-id': other.tenantId } });
    expect(listed.body.items).toEqual([]);
  });
});
