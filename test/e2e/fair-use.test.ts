import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEventsInTable } from '../support/audit-items';
import { useTestApi } from '../support/test-stack';

/**
 * Fair use: each workspace, and each ingest key, has a burst and a sustained rate limit, counted
 * after authentication and before the route's work. Small limits here (the published ones are in
 * `RATE_LIMITS` and docs/api.md), so a test can go over them with a few dozen requests. Windows
 * are fixed (whole seconds, whole minutes), so assertions allow for a flood that straddles two.
 */
const LIMITS = { workspace: { burstPerSecond: 12, perMinute: 40 }, ingestKey: { burstPerSecond: 4, perMinute: 6 } };
const WORKSPACE_POLICY = '12;w=1, 40;w=60';
const stack = useTestApi({ rateLimits: LIMITS });

type Tenant = Awaited<ReturnType<typeof stack.api.newTenant>>;
type Answer = Awaited<ReturnType<typeof stack.api.request>>;
const get = (tenant: Tenant, path: string) => stack.api.request('GET', path, { token: tenant.token });

/** `count` requests sent at once. */
const flood = (count: number, send: () => Promise<Answer>) => Promise.all(Array.from({ length: count }, send));

/** Every item of a tenant, as `pk sk`. */
async function itemsOf(tenantId: string): Promise<string[]> {
  const { Items = [] } = await stack.documents.send(
    new ScanCommand({ TableName: stack.tableName, FilterExpression: 'begins_with(pk, :tenant)', ExpressionAttributeValues: { ':tenant': `TENANT#${tenantId}` }, ConsistentRead: true }),
  );
  return Items.map((item) => `${String(item.pk)} ${String(item.sk)}`);
}

function expectRateLimitHeaders(answer: Answer, policy: string) {
  const limit = Number(answer.headers.get('ratelimit-limit'));
  expect(policy.split(', ').map((part) => Number(part.split(';')[0]))).toContain(limit);
  expect(Number(answer.headers.get('ratelimit-remaining'))).toBeGreaterThanOrEqual(0);
  expect(Number(answer.headers.get('ratelimit-remaining'))).toBeLessThanOrEqual(limit);
  expect(Number(answer.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
  expect(Number(answer.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
  expect(answer.headers.get('ratelimit-policy')).toBe(policy);
}

function expectRateLimited(answer: Answer, policy: string) {
  expect(answer.status).toBe(429);
  expectRateLimitHeaders(answer, policy);
  expect(answer.headers.get('ratelimit-remaining')).toBe('0');
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(answer.body).toEqual({
    error: {
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many requests: at most \d+ in a (second|minute); try again in \d+ seconds?$/),
      details: { limit: Number(answer.headers.get('ratelimit-limit')), windowSeconds: expect.any(Number), retryAfterSeconds: retryAfter },
      requestId: answer.headers.get('x-request-id'),
    },
  });
}

let owner: Tenant;
beforeAll(async () => {
  owner = await stack.api.newTenant();
});

describe('the workspace rate limits', () => {
  it('are stated on every successful answer in the RateLimit-* headers', async () => {
    // Act
    const answer = await get(owner, '/v1/me');

    // Assess
    expect(answer.status).toBe(200);
    expectRateLimitHeaders(answer, WORKSPACE_POLICY);
    expect(answer.headers.get('retry-after')).toBeNull();
  });

  it('answer requests over the burst with 429, Retry-After and the headers, and a refused request writes nothing', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const before = new Set(await itemsOf(tenant.tenantId));
    const eventsBefore = (await auditEventsInTable(stack.documents, stack.tableName, tenant.tenantId)).length;

    // Act: more than two seconds' burst at once
    const answers = await flood(30, () => stack.api.request('POST', '/v1/contacts', { token: tenant.token, body: { firstName: 'Flood', lastName: 'Test' } }));

    // Assess
    const created = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(created.length + refused.length).toBe(30);
    // Thirty at once are over a second's 12 unless their counting spread over three seconds or more.
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) expectRateLimited(answer, WORKSPACE_POLICY);
    for (const answer of created) expectRateLimitHeaders(answer, WORKSPACE_POLICY);
    // Only the accepted creations left anything behind: their contacts, their audit events, the
    // completeness totals they moved, and the request counts.
    const createdIds = new Set(created.map((answer) => (answer.body as { id: string }).id));
    const added = (await itemsOf(tenant.tenantId)).filter((key) => !before.has(key));
    const contactPartitions = new Set(added.filter((key) => key.includes('#CONTACT#')).map((key) => key.split('#CONTACT#')[1]!.split(' ')[0]));
    expect(contactPartitions).toEqual(createdIds);
    expect(added.filter((key) => !/#(CONTACT#\w+|STATS(#\w)?|RATE#\d|AUDIT) /.test(key))).toEqual([]);
    const events = (await auditEventsInTable(stack.documents, stack.tableName, tenant.tenantId)).slice(eventsBefore);
    expect(events.map((event) => event.action)).toEqual(created.map(() => 'contact.created'));
    const listed = await get(tenant, '/v1/contacts?limit=100');
    expect((listed.body as { items: unknown[] }).items).toHaveLength(created.length);
  });

  it('let the workspace in again once Retry-After has passed', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const refused = (await flood(30, () => get(tenant, '/v1/me'))).find((answer) => answer.status === 429);
    expect(refused).toBeDefined();

    // Act
    await sleep(Number(refused!.headers.get('retry-after')) * 1000);
    const again = await get(tenant, '/v1/me');

    // Assess
    expect(again.status).toBe(200);
    expectRateLimitHeaders(again, WORKSPACE_POLICY);
  }, 90_000);

  it('hold one noisy workspace back without refusing another driven at the same time', async () => {
    // Prepare
    const [noisy, quiet] = await Promise.all([stack.api.newTenant(), stack.api.newTenant()]);
    const contact = await stack.api.request('POST', '/v1/contacts', { token: quiet.token, body: { firstName: 'Quiet', email: 'quiet@example.com' } });
    expect(contact.status).toBe(201);

    // Act: the noisy workspace floods in waves for about three seconds, while the quiet one works
    // at two requests a second, well under its burst
    const noise = (async () => {
      const answers: Answer[] = [];
      for (let wave = 0; wave < 6; wave++) {
        answers.push(...(await flood(20, () => get(noisy, '/v1/me'))));
        await sleep(250);
      }
      return answers;
    })();
    const started = Date.now();
    const work = Array.from({ length: 8 }, async (_, i) => {
      await sleep(started + i * 500 - Date.now());
      const id = (contact.body as { id: string }).id;
      return i % 2 === 0
        ? get(quiet, `/v1/contacts/${id}`)
        : stack.api.request('PATCH', `/v1/contacts/${id}`, { token: quiet.token, body: { title: `Step ${i}` } });
    });
    const [noisyAnswers, quietAnswers] = await Promise.all([noise, Promise.all(work)]);

    // Assess
    expect(noisyAnswers.some((answer) => answer.status === 429)).toBe(true);
    // PATCH without If-Match may meet a concurrent one of its own (409 is not a throttle); none here run at once
    expect(quietAnswers.map((answer) => answer.status)).toEqual(quietAnswers.map(() => 200));
    for (const answer of quietAnswers) expectRateLimitHeaders(answer, WORKSPACE_POLICY);
  }, 60_000);
});

describe('the ingest key rate limits', () => {
  it('hold each key to its own stricter limit, apart from the workspace and its other keys', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const [first, second] = await Promise.all(
      ['Site', 'Shop'].map(async (name) => (await stack.api.request('POST', '/v1/ingest-keys', { token: tenant.token, body: { name } })).body as { secret: string }),
    );
    const send = (key: { secret: string }) =>
      stack.api.request('POST', '/v1/events', { headers: { 'x-ingest-key': key.secret }, body: { events: [{ type: 'page_view', email: 'someone@example.com', url: 'https://shop.example.com/' }] } });

    // Act
    const answers = await flood(12, () => send(first!));
    const otherKey = await send(second!);
    const member = await get(tenant, '/v1/me');

    // Assess: twelve are over the minute's 6 (unless they straddle two minutes, and then over the second's 4)
    const ingestPolicy = `${LIMITS.ingestKey.burstPerSecond};w=1, ${LIMITS.ingestKey.perMinute};w=60`;
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status !== 429).map((answer) => answer.status)).toEqual(answers.filter((answer) => answer.status !== 429).map(() => 202));
    for (const answer of refused) expectRateLimited(answer, ingestPolicy);
    expect(otherKey.status).toBe(202);
    expectRateLimitHeaders(otherKey, ingestPolicy);
    expect(member.status).toBe(200);
    expectRateLimitHeaders(member, WORKSPACE_POLICY);
  });
});

describe('the rate counters', () => {
  it('are spread over a few partitions of the tenant, expire on their own and go with the workspace', async () => {
    // Prepare
    const tenant = await stack.api.newTenant({ companyName: 'Short Lived' });
    await get(tenant, '/v1/me');

    // Act
    const counters = (await itemsOf(tenant.tenantId)).filter((key) => key.includes('#RATE#'));
    const erased = await stack.api.request('DELETE', '/v1/tenant', { token: tenant.token, body: { confirm: 'Short Lived' } });

    // Assess
    expect(counters.length).toBeGreaterThan(0);
    for (const key of counters) expect(keys.rateCounterPartitions(tenant.tenantId)).toContain(key.split(' ')[0]);
    expect(erased.status).toBe(200);
    expect((await itemsOf(tenant.tenantId)).filter((key) => key.includes('#RATE#'))).toEqual([]);
  });
});
