import { describe, expect, it } from 'vitest';
import { aSignup } from '../support/api-client';
import { useTestApi } from '../support/test-stack';
import { claimsOf } from '../support/tokens';

const stack = useTestApi();

const logIn = (email: string, password: string) => stack.api.request('POST', '/v1/auth/login', { body: { email, password } });

/** Waits into the next whole second: tokens carry their time in seconds (see the logout test). */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));

describe('POST /v1/me/password', () => {
  it('changes the caller\'s password: the new one logs in, the old one no longer does, and it is audited without it', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const newPassword = 'Brand-New-Passw0rd';

    // Act
    const response = await stack.api.request('POST', '/v1/me/password', { token: tenant.token, body: { currentPassword: tenant.password, newPassword } });

    // Assess
    expect(response.status).toBe(204);
    expect((await logIn(tenant.email, newPassword)).status).toBe(200);
    expect((await logIn(tenant.email, tenant.password)).status).toBe(401);
    const audit = await stack.api.request('GET', '/v1/audit/events?action=auth.password_changed', { token: tenant.token });
    expect(audit.body.items).toEqual([expect.objectContaining({ target: { type: 'user', id: tenant.userId }, outcome: 'success', actor: { userId: tenant.userId, role: 'owner' } })]);
    expect(JSON.stringify(audit.body)).not.toContain(newPassword);
    expect(JSON.stringify(audit.body)).not.toContain(tenant.password);
  });

  it('refuses a wrong current password with 400 on currentPassword, keeps the password, and audits the failure', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();

    // Act
    const response = await stack.api.request('POST', '/v1/me/password', { token: tenant.token, body: { currentPassword: 'Not-My-Passw0rd', newPassword: 'Brand-New-Passw0rd' } });

    // Assess: a field error, not a 401, so the console keeps the person signed in.
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { fields: [{ field: 'currentPassword', message: 'is not your current password' }] } });
    expect((await logIn(tenant.email, tenant.password)).status).toBe(200);
    expect((await logIn(tenant.email, 'Brand-New-Passw0rd')).status).toBe(401);
    const audit = await stack.api.request('GET', '/v1/audit/events?action=auth.password_change_failed', { token: tenant.token });
    expect(audit.body.items).toEqual([expect.objectContaining({ outcome: 'failure', details: { reason: 'wrong current password' } })]);
    expect(JSON.stringify(audit.body)).not.toContain('Not-My-Passw0rd');
  });

  it.each([
    ['a new password breaking the rules', { newPassword: 'short' }, 'newPassword', 'at least 12 characters'],
    ['a new password without a digit', { newPassword: 'No-Digits-At-All' }, 'newPassword', 'digit'],
    ['the same password again', { newPassword: 'Sturdy-Passw0rd' }, 'newPassword', 'must differ from the current password'],
    ['no current password', { currentPassword: '' }, 'currentPassword', 'is required'],
    ['an unknown field', { email: 'other@example.com' }, 'email', ''],
  ])('answers %s with 400 naming the field, and changes nothing', async (_case, override, field, message) => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const body = { currentPassword: tenant.password, newPassword: 'Brand-New-Passw0rd', ...override };

    // Act
    const response = await stack.api.request('POST', '/v1/me/password', { token: tenant.token, body });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.fields).toContainEqual({ field, message: expect.stringContaining(message) });
    expect((await logIn(tenant.email, tenant.password)).status).toBe(200);
  });

  it('needs a token', async () => {
    const response = await stack.api.request('POST', '/v1/me/password', { body: { currentPassword: aSignup().password, newPassword: 'Brand-New-Passw0rd' } });

    expect(response.status).toBe(401);
  });
});

describe('POST /v1/auth/logout', () => {
  it('ends every session of the caller: their access tokens are refused and the refresh token given is revoked', async () => {
    // Prepare: two sessions of the same person (two devices).
    const tenant = await stack.api.newTenant();
    const other = (await logIn(tenant.email, tenant.password)).body;
    const colleague = await stack.api.newTenant();

    // Act
    const response = await stack.api.request('POST', '/v1/auth/logout', { token: tenant.token, body: { refreshToken: tenant.tokens.refreshToken } });

    // Assess
    expect(response.status).toBe(204);
    for (const token of [tenant.token, other.accessToken]) {
      const me = await stack.api.request('GET', '/v1/me', { token });
      expect(me.status).toBe(401);
      expect(me.body.error.code).toBe('SESSION_ENDED');
    }
    const refreshed = await stack.api.request('POST', '/v1/auth/refresh', { body: { refreshToken: tenant.tokens.refreshToken } });
    expect(refreshed.status).toBe(401);
    // Another person's session is untouched.
    expect((await stack.api.request('GET', '/v1/me', { token: colleague.token })).status).toBe(200);
  });

  it('lets the person log in again afterwards, and audits the logout', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    await stack.api.request('POST', '/v1/auth/logout', { token: tenant.token, body: {} });
    // A token from the very second of the sign-out counts as before it.
    await nextSecond();

    // Act
    const login = await logIn(tenant.email, tenant.password);
    const me = await stack.api.request('GET', '/v1/me', { token: login.body.accessToken });

    // Assess
    expect(me.status).toBe(200);
    expect(claimsOf(login.body.accessToken).auth_time).toBeGreaterThan(claimsOf(tenant.token).auth_time as number);
    const audit = await stack.api.request('GET', '/v1/audit/events?action=auth.logout', { token: login.body.accessToken });
    expect(audit.body.items).toEqual([expect.objectContaining({ target: { type: 'user', id: tenant.userId }, outcome: 'success' })]);
  });

  it('refuses a malformed body with 400 and signs nobody out', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();

    // Act
    const response = await stack.api.request('POST', '/v1/auth/logout', { token: tenant.token, body: { refreshToken: 42, everywhere: true } });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map(({ field }: { field: string }) => field).sort()).toEqual(['everywhere', 'refreshToken']);
    expect((await stack.api.request('GET', '/v1/me', { token: tenant.token })).status).toBe(200);
  });

  it('needs a token', async () => {
    expect((await stack.api.request('POST', '/v1/auth/logout', { body: {} })).status).toBe(401);
  });
});
