import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { loginEmailDigest, type LoginFailures } from '@rapport/domain';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/test-stack';

/**
 * Guessing passwords: failed log-ins in a row to one address are counted, slowed down after three
 * and locked after ten — answered the same way whether or not an account has the address. Where a
 * test needs "the last failure was N seconds ago", it writes the count as the route would have,
 * so nothing depends on how fast this machine answers.
 */
const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
beforeAll(async () => {
  owner = await stack.api.newTenant();
});

const logIn = (email: string, password: string) => stack.api.request('POST', '/v1/auth/login', { body: { email, password } });
const failuresOf = async (email: string) =>
  (await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.loginFailures(loginEmailDigest(email)) }))).Item as (LoginFailures & { pk: string }) | undefined;
const seedFailures = (email: string, failures: number, secondsAgo: number) =>
  stack.documents.send(
    new PutCommand({
      TableName: stack.tableName,
      Item: { ...keys.loginFailures(loginEmailDigest(email)), entity: 'login-failures', failures, lastFailureAt: new Date(Date.now() - secondsAgo * 1000).toISOString(), expiresAt: Math.ceil(Date.now() / 1000) + 900 },
    }),
  );
const unknownEmail = () => `nobody-${randomUUID()}@example.com`;

describe('failed log-ins in a row', () => {
  it('are counted per address, known or not, under a digest that holds no email', async () => {
    // Prepare
    const stranger = unknownEmail();

    // Act: the owner's third attempt spells the address in capitals: the same account, the same count
    for (const email of [owner.email, owner.email, owner.email.toUpperCase(), stranger, stranger, stranger]) {
      expect((await logIn(email, 'Wrong-Passw0rd')).status).toBe(401);
    }

    // Assess
    for (const email of [owner.email, stranger]) {
      const item = await failuresOf(email);
      expect(item?.failures).toBe(3);
      expect(JSON.stringify(item)).not.toContain(email.split('@')[0]);
    }
  });

  it('after three, make the next attempt wait — even with the right password — with Retry-After', async () => {
    // Prepare: three failures, the last one just now
    await seedFailures(owner.email, 3, 0);

    // Act
    const response = await logIn(owner.email, owner.password);

    // Assess
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.body).toMatchObject({ error: { code: 'LOGIN_THROTTLED', message: 'Too many failed log-ins for this email address: try again in 1 second', details: { retryAfterSeconds: 1 } } });
    // The contract says so, header included, so clients and generated SDKs can wait as told.
    const document = (await stack.api.request('GET', '/v1/openapi.json')).body as { paths: Record<string, Record<string, { responses: Record<string, { headers: Record<string, unknown> }> }>> };
    expect(document.paths['/v1/auth/login']!.post!.responses['429']!.headers).toHaveProperty('retry-after');
  });

  it('after ten, lock the address for 15 minutes, answered exactly as for an address no account has', async () => {
    // Prepare
    const stranger = unknownEmail();
    await Promise.all([seedFailures(owner.email, 10, 0), seedFailures(stranger, 10, 0)]);

    // Act
    const [known, unknown] = await Promise.all([logIn(owner.email, owner.password), logIn(stranger, 'Any-Passw0rd')]);

    // Assess
    for (const response of [known, unknown]) {
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(890);
      expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    }
    const withoutRequestId = (body: unknown) => ({ ...(body as { error: object }).error, requestId: undefined });
    expect(withoutRequestId(known.body)).toEqual(withoutRequestId(unknown.body));
  });

  it('once the wait is over, let the right password in and forget the count', async () => {
    // Prepare: five failures, the last one 5 s ago (its wait was 4 s)
    await seedFailures(owner.email, 5, 5);

    // Act
    const response = await logIn(owner.email, owner.password);

    // Assess
    expect(response.status).toBe(200);
    expect(await failuresOf(owner.email)).toBeUndefined();
  });

  it('start counting again when the last failure is older than the window', async () => {
    // Prepare: nine failures, the last one 16 minutes ago
    await seedFailures(owner.email, 9, 16 * 60);

    // Act
    const response = await logIn(owner.email, 'Wrong-Passw0rd');

    // Assess
    expect(response.status).toBe(401);
    expect((await failuresOf(owner.email))?.failures).toBe(1);
  });
});
