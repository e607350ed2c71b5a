import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { aSignup } from '../support/api-client';
import { useTestApi } from '../support/test-stack';

const stack = useTestApi();

describe('POST /v1/signup', () => {
  it('creates the workspace, its owner, and a Cognito user carrying the tenant', async () => {
    // Prepare
    const signup = aSignup({ email: `  Mixed.Case-${Date.now()}@Example.COM ` });

    // Act
    const response = await stack.api.request('POST', '/v1/signup', { body: signup });

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ tenantId: expect.stringMatching(/^[0-9A-Z]{26}$/), userId: expect.stringMatching(/^[0-9A-Z]{26}$/) });
    const user = await stack.cognito.send(
      new AdminGetUserCommand({ UserPoolId: stack.pool.userPoolId, Username: signup.email.trim().toLowerCase() }),
    );
    expect(user.UserAttributes).toContainEqual({ Name: 'custom:tenantId', Value: response.body.tenantId });
    const login = await stack.api.request('POST', '/v1/auth/login', { body: { email: signup.email.trim().toLowerCase(), password: signup.password } });
    const me = await stack.api.request('GET', '/v1/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { id: response.body.userId, email: signup.email.trim().toLowerCase(), name: signup.name },
      tenant: { id: response.body.tenantId, name: signup.companyName },
      role: 'owner',
    });
  });

  it('refuses an email that already has an account, in any letter case, with 409', async () => {
    const signup = aSignup();
    await stack.api.request('POST', '/v1/signup', { body: signup });

    const again = await stack.api.request('POST', '/v1/signup', { body: { ...aSignup(), email: signup.email.toUpperCase() } });

    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'EMAIL_TAKEN', details: { field: 'email' } });
  });

  it.each([
    ['a short password', { password: 'Short-1' }, 'password', 'at least 12 characters'],
    ['a password without a digit', { password: 'No-Digits-Here' }, 'password', 'digit'],
    ['a password without upper case', { password: 'lower-case-only-1' }, 'password', 'upper-case'],
    ['a bad email', { email: 'not-an-email' }, 'email', 'valid email'],
    ['an empty company name', { companyName: '  ' }, 'companyName', 'is required'],
  ])('answers %s with 400 naming the field, and creates nothing', async (_case, override, field, message) => {
    const signup = aSignup(override);

    const response = await stack.api.request('POST', '/v1/signup', { body: signup });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.fields).toContainEqual({ field, message: expect.stringContaining(message) });
    const login = await stack.api.request('POST', '/v1/auth/login', { body: { email: signup.email, password: signup.password } });
    expect(login.status).not.toBe(200);
  });

  it('names missing and unknown fields', async () => {
    const response = await stack.api.request('POST', '/v1/signup', { body: { email: 'a@example.com', tenantId: 'mine' } });

    expect(response.status).toBe(400);
    const fields = response.body.error.details.fields.map((problem: { field: string }) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['companyName', 'name', 'password', 'tenantId']));
  });
});

describe('POST /v1/auth/login and /v1/auth/refresh', () => {
  it('returns access, id and refresh tokens with their lifetime', async () => {
    const tenant = await stack.api.newTenant();

    expect(tenant.tokens).toEqual({
      accessToken: expect.any(String),
      idToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
    });
  });

  it('answers a wrong password and an unknown email alike with 401', async () => {
    const tenant = await stack.api.newTenant();

    const wrongPassword = await stack.api.request('POST', '/v1/auth/login', { body: { email: tenant.email, password: 'Wrong-Passw0rd!' } });
    const unknownUser = await stack.api.request('POST', '/v1/auth/login', { body: { email: 'nobody@example.com', password: 'Wrong-Passw0rd!' } });

    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.body.error.message).toBe(unknownUser.body.error.message);
    expect(wrongPassword.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('refreshes the access token, and refuses a refresh token it did not issue', async () => {
    const tenant = await stack.api.newTenant();

    const refreshed = await stack.api.request('POST', '/v1/auth/refresh', { body: { refreshToken: tenant.tokens.refreshToken } });
    const forged = await stack.api.request('POST', '/v1/auth/refresh', { body: { refreshToken: 'not-a-refresh-token' } });

    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ accessToken: expect.any(String), idToken: expect.any(String) });
    const me = await stack.api.request('GET', '/v1/me', { token: refreshed.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.tenant.id).toBe(tenant.tenantId);
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('INVALID_REFRESH_TOKEN');
  });
});
