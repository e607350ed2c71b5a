import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/**
 * The insights job over HTTP against the local stack: orders, feedback and behaviour through the
 * API, a run asked for with POST /v1/insights/recompute and done by the worker on the local queue
 * (two contacts per chunk, so every phase takes several chunks), then scores, the churn list and
 * recommendations checked against values computed by hand.
 *
 * Five buyers, all in EUR, each order 10.00, and one lead without orders:
 *   c1: 5 orders, 2/20/40/60/80 days ago, products {A, B}; page views 1 forty days ago, 3 five days ago
 *   c2: 4 orders, 10/30/50/70 days ago, {A, B}
 *   c3: 3 orders, 40/60/70 days ago, {A, C}; CSAT 5
 *   c4: 2 orders, 100/130 days ago, {B}            (owned by an analyst who sees only their own contacts)
 *   c5: 1 order, 200 days ago, {A, B, C}; CSAT 1
 *   c6: no orders
 * RFM: recency, frequency and spend all rank c1 > c2 > … > c5, so 5-5-5 down to 1-1-1; c6 has none.
 * Baskets (5): A in 4, B in 4, C in 2; A&B 3, A&C 2, B&C 1 (under the two-customer minimum).
 *   A→B support 3/5 = 0.6, confidence 3/4 = 0.75, lift 0.75 / 0.8 = 0.9375
 *   A→C support 2/5 = 0.4, confidence 2/4 = 0.5,  lift 0.5 / 0.4 = 1.25
 *   C→A support 0.4, confidence 2/2 = 1, lift 1 / 0.8 = 1.25
 */
const stack = useTestApi({ insightsChunkSize: 2 });
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
let analyst: { token: string; userId: string };
let rep: { token: string };
const ids: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6', string> = { c1: '', c2: '', c3: '', c4: '', c5: '', c6: '' };

const DAY_MS = 86_400_000;
/** An instant `days` ago, an hour further back so a run a few seconds later counts the same whole days. */
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS - 3_600_000).toISOString();
const post = (path: string, body: unknown, token = owner.token) => stack.api.request('POST', path, { token, body });
const get = (path: string, token = owner.token) => stack.api.request('GET', path, { token });

async function newContact(name: string, token = owner.token): Promise<string> {
  const created = await post('/v1/contacts', { firstName: name }, token);
  expect(created.status).toBe(201);
  return created.body.id as string;
}
async function order(contactId: string, days: number, lines: [string, string][], token = owner.token) {
  const response = await post(`/v1/contacts/${contactId}/transactions`, { currency: 'EUR', time: daysAgo(days), items: lines.map(([product, unitPrice]) => ({ product, quantity: 1, unitPrice })) }, token);
  expect(response.status).toBe(201);
}
const ten = (product: string): [string, string][] => [[product, '10.00']];

async function recomputeAndWait(token = owner.token) {
  const queued = await post('/v1/insights/recompute', undefined, token);
  await stack.queue.drain();
  return queued;
}

beforeAll(async () => {
  owner = await stack.api.newTenant();
  const role = await post('/v1/roles', { name: 'Own analyst', permissions: ['contacts:read', 'contacts:write', 'analytics:read'] });
  analyst = await joinAs(stack.api, owner.token, stack.mailDir, role.body.id as string, inviteTokenFor);
  rep = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);

  ids.c1 = await newContact('One');
  ids.c2 = await newContact('Two');
  ids.c3 = await newContact('Three');
  ids.c4 = await newContact('Four', analyst.token);
  ids.c5 = await newContact('Five');
  ids.c6 = await newContact('Six');
  for (const [days, product] of [[2, 'A'], [20, 'B'], [40, 'A'], [60, 'B'], [80, 'A']] as const) await order(ids.c1, days, ten(product));
  for (const [days, product] of [[10, 'A'], [30, 'B'], [50, 'A'], [70, 'B']] as const) await order(ids.c2, days, ten(product));
  for (const [days, product] of [[40, 'A'], [60, 'C'], [70, 'A']] as const) await order(ids.c3, days, ten(product));
  for (const days of [100, 130]) await order(ids.c4, days, ten('B'), analyst.token);
  await order(ids.c5, 200, [['A', '5.00'], ['B', '3.00'], ['C', '2.00']]);
  expect((await post(`/v1/contacts/${ids.c3}/feedback`, { kind: 'csat', score: 5 })).status).toBe(201);
  expect((await post(`/v1/contacts/${ids.c5}/feedback`, { kind: 'csat', score: 1 })).status).toBe(201);

  const key = (await post('/v1/ingest-keys', { name: 'Website' })).body.secret as string;
  const views = [daysAgo(40), daysAgo(5), new Date(Date.now() - 5 * DAY_MS - 7_200_000).toISOString(), new Date(Date.now() - 5 * DAY_MS - 10_800_000).toISOString()];
  const ingested = await stack.api.request('POST', '/v1/events', {
    headers: { 'x-ingest-key': key },
    body: { events: views.map((occurredAt, index) => ({ id: `view-${index}`, type: 'page_view', contactId: ids.c1, url: 'https://shop.example.com/', occurredAt })) },
  });
  expect(ingested.status).toBeLessThan(300);
});

describe('an insights run', () => {
  it('is queued with 202, pointing at its status, and runs to completion with its counts', async () => {
    // Act
    const queued = await recomputeAndWait();
    const status = await get('/v1/insights/status');

    // Assess
    expect(queued.status).toBe(202);
    expect(queued.headers.get('location')).toBe('/v1/insights/status');
    expect(queued.body).toMatchObject({ status: 'running', phase: 'gather', trigger: 'request' });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      runId: queued.body.runId,
      status: 'completed',
      customersScored: 6,
      customersRanked: 5,
      productsWithRules: 3,
      lastCompleted: { runId: queued.body.runId, trigger: 'request', customersScored: 6, customersRanked: 5, productsWithRules: 3, mainCurrency: 'EUR' },
    });
  });

  it('is audited once, as a system write naming its counts', async () => {
    const events = await auditEventsInTable(stack.documents, stack.tableName, owner.tenantId);
    const requested = events.filter((event) => event.action === 'insights.recompute_requested');
    const recomputed = events.filter((event) => event.action === 'insights.recomputed');
    expect(requested).toHaveLength(1);
    expect(requested[0]!.actor.userId).toBe(owner.userId);
    expect(recomputed).toHaveLength(1);
    expect(recomputed[0]).toMatchObject({ actor: { userId: null }, details: { trigger: 'request', customersScored: 6, customersRanked: 5, productsWithRules: 3 } });
  });

  it('gives each buyer its RFM by quintile, and the lead none', async () => {
    // Act
    const scores = await Promise.all((['c1', 'c2', 'c3', 'c4', 'c5', 'c6'] as const).map((name) => get(`/v1/contacts/${ids[name]}/scores`)));

    // Assess
    expect(scores.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(scores.map((response) => response.body.rfm)).toEqual(['5-5-5', '4-4-4', '3-3-3', '2-2-2', '1-1-1', undefined]);
    expect(scores[0]!.body).toMatchObject({ contactId: ids.c1, recency: 5, frequency: 5, monetary: 5, orderCount: 5, monetaryMinor: 5000, currency: 'EUR' });
    expect(scores[5]!.body).toMatchObject({ contactId: ids.c6, orderCount: 0, monetaryMinor: 0 });
    expect(scores[5]!.body).not.toHaveProperty('recency');
  });

  it('shows churn risk with the features behind it, computed as the model documents', async () => {
    // Act
    const c5 = (await get(`/v1/contacts/${ids.c5}/scores`)).body;
    const c1 = (await get(`/v1/contacts/${ids.c1}/scores`)).body;

    // Assess: c5: recency 200 → capped 180, (180−30)/30 × 0.8 = 4; no orders in 180 days: trend 0;
    // CSAT 1 → 0 → (0 − 0.5) × 2 × −1.2 = 1.2; logit −1 + 4 + 1.2 = 4.2 → 0.9852.
    expect(c5.churnRisk).toEqual({
      score: 0.9852,
      level: 'high',
      features: [
        { name: 'recencyDays', value: 200, contribution: 4 },
        { name: 'orderTrend', value: 0, contribution: 0 },
        { name: 'openTickets', value: 0, contribution: 0 },
        { name: 'recentTickets', value: 0, contribution: 0 },
        { name: 'lastSatisfaction', value: 0, contribution: 1.2 },
        { name: 'behaviourTrend', value: null, contribution: 0 },
      ],
    });
    // c1: recency 2 → (2−30)/30 × 0.8 = −0.7467; all five orders in 90 days: trend 1 → −1;
    // page views 3 vs 1: (3−1)/4 = 0.5 → −0.4; logit −1 − 0.7467 − 1 − 0.4 = −3.1467 → 0.0412.
    expect(c1.churnRisk.score).toBe(0.0412);
    expect(c1.churnRisk.level).toBe('low');
    expect(c1.churnRisk.features.find((feature: { name: string }) => feature.name === 'behaviourTrend')).toEqual({ name: 'behaviourTrend', value: 0.5, contribution: -0.4 });
  });

  it('lists customers at risk from an index, highest score first, page by page', async () => {
    // c4: recency 100 → 1.8667; both orders 90–180 days ago: trend −1 → +1; logit 1.8667 → 0.8661.
    const high = await get('/v1/insights/churn-risk?level=high');
    expect(high.status).toBe(200);
    expect(high.body.items.map((item: { contactId: string; churnRisk: { score: number } }) => [item.contactId, item.churnRisk.score])).toEqual([
      [ids.c5, 0.9852],
      [ids.c4, 0.8661],
    ]);
    expect(high.body.items[0].churnRisk.features).toHaveLength(6);
    expect(high.body.nextCursor).toBeNull();

    // Low: c6 at the intercept (0.2689), then c2 (0.0736), c3 (0.0506), c1 (0.0412).
    const first = await get('/v1/insights/churn-risk?level=low&limit=2');
    const second = await get(`/v1/insights/churn-risk?level=low&limit=2&cursor=${first.body.nextCursor}`);
    expect(first.body.items.map((item: { contactId: string }) => item.contactId)).toEqual([ids.c6, ids.c2]);
    expect(second.body.items.map((item: { contactId: string }) => item.contactId)).toEqual([ids.c3, ids.c1]);
    expect(second.body.nextCursor).toBeNull();
    expect((await get('/v1/insights/churn-risk?level=medium')).body).toEqual({ items: [], nextCursor: null });
  });

  it('recommends what customers who bought a product also bought, with support, confidence and lift', async () => {
    // Act
    const forA = await get('/v1/recommendations?product=A');
    const forC = await get('/v1/recommendations?product=C');
    const paged = await get('/v1/recommendations?product=A&limit=1');
    const next = await get(`/v1/recommendations?product=A&limit=1&cursor=${paged.body.nextCursor}`);

    // Assess
    expect(forA.status).toBe(200);
    expect(forA.body.items).toEqual([
      { product: 'A', recommended: 'B', customers: 3, support: 0.6, confidence: 0.75, lift: 0.9375 },
      { product: 'A', recommended: 'C', customers: 2, support: 0.4, confidence: 0.5, lift: 1.25 },
    ]);
    expect(forA.body.computedAt).toEqual(expect.any(String));
    expect(forC.body.items).toEqual([{ product: 'C', recommended: 'A', customers: 2, support: 0.4, confidence: 1, lift: 1.25 }]);
    expect(paged.body.items.map((rule: { recommended: string }) => rule.recommended)).toEqual(['B']);
    expect(next.body.items.map((rule: { recommended: string }) => rule.recommended)).toEqual(['C']);
    expect(next.body.nextCursor).toBeNull();
    expect((await get('/v1/recommendations?product=Unknown')).body).toEqual({ items: [], nextCursor: null, computedAt: null });
  });

  it('adds the scores to the 360 view, from the same partition', async () => {
    const view = await get(`/v1/contacts/${ids.c5}/360`);
    expect(view.status).toBe(200);
    expect(view.body.scores).toMatchObject({ contactId: ids.c5, rfm: '1-1-1', churnRisk: { score: 0.9852, level: 'high' } });
  });

  it('keeps to the record scope: an analyst without contacts:read_all sees only their own customers', async () => {
    expect((await get(`/v1/contacts/${ids.c4}/scores`, analyst.token)).body.rfm).toBe('2-2-2');
    expect((await get(`/v1/contacts/${ids.c5}/scores`, analyst.token)).status).toBe(404);
    const high = await get('/v1/insights/churn-risk?level=high', analyst.token);
    expect(high.body.items.map((item: { contactId: string }) => item.contactId)).toEqual([ids.c4]);
  });

  it('refuses callers without analytics:read, and answers another tenant with 404', async () => {
    expect((await get(`/v1/contacts/${ids.c1}/scores`, rep.token)).status).toBe(403);
    expect((await post('/v1/insights/recompute', undefined, rep.token)).status).toBe(403);
    const other = await stack.api.newTenant();
    expect((await get(`/v1/contacts/${ids.c1}/scores`, other.token)).status).toBe(404);
    expect((await get('/v1/insights/status', other.token)).status).toBe(404);
    expect((await get('/v1/recommendations?product=A', other.token)).body.items).toEqual([]);
    expect((await get('/v1/insights/churn-risk?level=high', other.token)).body.items).toEqual([]);
  });

  it('names the bad field of a bad query', async () => {
    const badLevel = await get('/v1/insights/churn-risk?level=extreme');
    const noProduct = await get('/v1/recommendations');
    const badCursor = await get('/v1/insights/churn-risk?cursor=bm90LWEtY3Vyc29y');
    expect(badLevel.status).toBe(400);
    expect(JSON.stringify(badLevel.body)).toContain('level');
    expect(noProduct.status).toBe(400);
    expect(JSON.stringify(noProduct.body)).toContain('product');
    expect(badCursor.status).toBe(400);
    expect(JSON.stringify(badCursor.body)).toContain('cursor');
  });

  it('a second run updates the scores of a customer whose facts changed', async () => {
    // Prepare: c5 buys again today: most recent now, and orders picked up.
    await order(ids.c5, 0, ten('A'));

    // Act
    const queued = await recomputeAndWait();
    const c5 = (await get(`/v1/contacts/${ids.c5}/scores`)).body;
    const status = (await get('/v1/insights/status')).body;

    // Assess
    expect(status).toMatchObject({ runId: queued.body.runId, status: 'completed', customersScored: 6 });
    expect(c5).toMatchObject({ orderCount: 2, recency: 5 });
    expect(c5.churnRisk.level).not.toBe('high');
    const high = await get('/v1/insights/churn-risk?level=high');
    expect(high.body.items.map((item: { contactId: string }) => item.contactId)).toEqual([ids.c4]);
  });
});

describe('the daily schedule', () => {
  it('queues a run for every tenant, found through the sparse tenant listing', async () => {
    // Prepare: a new tenant with one buyer, never run before.
    const tenant = await stack.api.newTenant({ companyName: 'Scheduled Shop' });
    const buyer = await newContact('Buyer', tenant.token);
    await order(buyer, 3, ten('Tea'), tenant.token);
    expect((await get('/v1/insights/status', tenant.token)).status).toBe(404);
    const { handler } = await import('../../functions/insights/schedule-insights');

    // Act: what the EventBridge schedule invokes (locally, the daily timer).
    const queued = (await handler({}, {} as never)) as { tenants: number; started: number };
    await stack.queue.drain();

    // Assess
    expect(queued.started).toBeGreaterThanOrEqual(2);
    expect((await get('/v1/insights/status', tenant.token)).body).toMatchObject({ status: 'completed', trigger: 'schedule', customersScored: 1, customersRanked: 1 });
    expect((await get(`/v1/contacts/${buyer}/scores`, tenant.token)).body).toMatchObject({ rfm: '1-1-1', orderCount: 1, monetaryMinor: 1000, currency: 'EUR' });
    expect((await get('/v1/insights/status')).body).toMatchObject({ status: 'completed', trigger: 'schedule' });
  });
});

describe('offboarding a workspace', () => {
  it('erases its insights run and its rules; the scores went with the contacts', async () => {
    // Prepare
    const tenant = await stack.api.newTenant({ companyName: 'Closing Insights' });
    const [one, two] = [await newContact('One', tenant.token), await newContact('Two', tenant.token)];
    for (const contact of [one, two]) await order(contact, 5, [['Tea', '4.00'], ['Cups', '6.00']], tenant.token);
    await recomputeAndWait(tenant.token);
    expect((await get('/v1/recommendations?product=Tea', tenant.token)).body.items).toHaveLength(1);
    const insightsItems = async () =>
      (
        await stack.documents.send(
          new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.insightsPartition(tenant.tenantId).pk } }),
        )
      ).Items ?? [];
    expect((await insightsItems()).length).toBe(3);

    // Act
    const receipt = await stack.api.request('DELETE', '/v1/tenant', { token: tenant.token, body: { confirm: 'Closing Insights' } });

    // Assess
    expect(receipt.status).toBe(200);
    expect(await insightsItems()).toEqual([]);
    const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.customerScores(tenant.tenantId, one) }));
    expect(Item).toBeUndefined();
  });
});

describe('a run asked for by many at once', () => {
  it('answers every request 202 with the one run they share, never 409', async () => {
    // Prepare: a workspace whose run is not going yet.
    const tenant = await stack.api.newTenant({ companyName: 'Eager Managers' });
    await newContact('One', tenant.token);

    // Act
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('/v1/insights/recompute', undefined, tenant.token)));
    await stack.queue.drain();

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(202));
    expect(new Set(answers.map((answer) => answer.body.runId)).size).toBe(1);
    expect((await get('/v1/insights/status', tenant.token)).body).toMatchObject({ runId: answers[0]!.body.runId, status: 'completed' });
  });
});
