import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { addMonths, monthOf, newId } from '@rapport/domain';
import { keys } from '@rapport/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/**
 * The CRM numbers over HTTP, kept current by the stream projector running as it does in AWS.
 *
 * The fixture (every contact and rating is created now, in month M0; orders are placed in M−2,
 * M−1 and M0):
 *
 * | contact | owner | region | channel  | stage              | orders                          | CSAT | NPS |
 * | A       | owner | north  | web      | customer           | M−2 €10, M−1 €20, M0 €5         | 5    | 10  |
 * | B       | owner | north  | referral | lead → customer    | M−1 €30                         | 3    | 6   |
 * | C       | rep   | south  | web      | customer           | M−2 €40, M0 $15                 | 4    | 9   |
 * | D       | rep   | south  | referral | lead               | —                               | —    | —   |
 * | E       | owner | south  | web      | customer, deleted  | M−1 €100 (gone with E)          | 1    | 0   |
 *
 * E is deleted at the end: its contact, its order and its ratings leave every number.
 */
const stack = useTestApi({ analyticsPipeline: true });
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
let rep: { token: string; userId: string };
let viewer: { token: string };
const M0 = monthOf(new Date().toISOString())!;
const M1 = addMonths(M0, -1);
const M2 = addMonths(M0, -2);

const post = (path: string, body: unknown, token = owner.token) => stack.api.request('POST', path, { token, body });
const get = (path: string, token = owner.token) => stack.api.request('GET', path, { token });

async function aContact(token: string, body: Record<string, unknown>) {
  const created = await post('/v1/contacts', body, token);
  expect(created.status).toBe(201);
  return created.body as { id: string; version: number };
}
async function anOrder(contactId: string, month: string, unitPrice: string, currency = 'EUR') {
  // The 1st of M0 at 00:00:01 is in the past whenever the suite runs; the other months mid-month.
  const time = month === M0 ? `${month}-01T00:00:01Z` : `${month}-15T12:00:00Z`;
  const response = await post(`/v1/contacts/${contactId}/transactions`, { items: [{ product: 'Tea', quantity: 1, unitPrice }], currency, time });
  expect(response.status).toBe(201);
}
async function ratings(contactId: string, csat: number, nps: number) {
  expect((await post(`/v1/contacts/${contactId}/feedback`, { kind: 'csat', score: csat })).status).toBe(201);
  expect((await post(`/v1/contacts/${contactId}/feedback`, { kind: 'nps', score: nps })).status).toBe(201);
  expect((await post(`/v1/contacts/${contactId}/feedback`, { kind: 'suggestion', comment: 'More tea' })).status).toBe(201);
}

beforeAll(async () => {
  owner = await stack.api.newTenant();
  rep = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);
  viewer = await joinAs(stack.api, owner.token, stack.mailDir, 'marketer', inviteTokenFor);
  const a = await aContact(owner.token, { firstName: 'A', region: 'north', sourceChannel: 'web', lifecycleStage: 'customer' });
  const b = await aContact(owner.token, { firstName: 'B', region: 'north', sourceChannel: 'referral' });
  const c = await aContact(rep.token, { firstName: 'C', region: 'south', sourceChannel: 'web', lifecycleStage: 'customer' });
  await aContact(rep.token, { firstName: 'D', region: 'south', sourceChannel: 'referral' });
  const e = await aContact(owner.token, { firstName: 'E', region: 'south', sourceChannel: 'web', lifecycleStage: 'customer' });
  const converted = await stack.api.request('PATCH', `/v1/contacts/${b.id}`, { token: owner.token, headers: { 'if-match': `"${b.version}"` }, body: { lifecycleStage: 'customer' } });
  expect(converted.status).toBe(200);

  await anOrder(a.id, M2, '10.00');
  await anOrder(a.id, M1, '20.00');
  await anOrder(a.id, M0, '5.00');
  await anOrder(b.id, M1, '30.00');
  await anOrder(c.id, M2, '40.00');
  await anOrder(c.id, M0, '15.00', 'USD');
  await anOrder(e.id, M1, '100.00');
  await ratings(a.id, 5, 10);
  await ratings(b.id, 3, 6);
  await ratings(c.id, 4, 9);
  await ratings(e.id, 1, 0);
  // Counted first, so its deletion has something to take out.
  await stack.analytics!.drain();
  const deleted = await stack.api.request('DELETE', `/v1/contacts/${e.id}`, { token: owner.token, headers: { 'if-match': `"${e.version}"` } });
  expect(deleted.status).toBe(204);
  await stack.analytics!.drain();
});

const report = async (name: string, query: string, token = viewer.token) => {
  const response = await get(`/v1/analytics/${name}?${query}`, token);
  expect(response.status).toBe(200);
  return response.body as { from: string; to: string; by: string; rows: Array<Record<string, any>> };
};
const row = (rows: Array<Record<string, any>>, group: string) => rows.find((candidate) => candidate.group === group);

describe('conversion', () => {
  it('is customers ÷ contacts created, per month and per region, channel and owner; the deleted contact is gone', async () => {
    // All four left were created in M0; A, B (converted later) and C are customers: 3 ÷ 4.
    const byMonth = await report('conversion', `from=${M2}&to=${M0}`);
    expect(byMonth.rows.map((r) => [r.group, r.contactsCreated, r.customers, r.conversionRate])).toEqual([
      [M2, 0, 0, null],
      [M1, 0, 0, null],
      [M0, 4, 3, 0.75],
    ]);
    // north: A, B both customers → 1; south: C of C, D → 0.5 (E, deleted, would have made it 2 of 3).
    const byRegion = await report('conversion', `from=${M0}&to=${M0}&by=region`);
    expect(byRegion.rows.map((r) => [r.group, r.contactsCreated, r.customers, r.conversionRate])).toEqual([
      ['north', 2, 2, 1],
      ['south', 2, 1, 0.5],
    ]);
    // web: A, C → 1; referral: B of B, D → 0.5.
    const byChannel = await report('conversion', `from=${M0}&to=${M0}&by=channel`);
    expect(byChannel.rows.map((r) => [r.group, r.conversionRate])).toEqual([
      ['referral', 0.5],
      ['web', 1],
    ]);
    // owner: A, B → 1; rep: C of C, D → 0.5.
    const byOwner = await report('conversion', `from=${M0}&to=${M0}&by=owner`);
    expect(Object.fromEntries(byOwner.rows.map((r) => [r.group, r.conversionRate]))).toEqual({ [owner.userId]: 1, [rep.userId]: 0.5 });
    expect(byOwner.rows[0]!.deals).toEqual({ created: 0, won: 0, lost: 0, winRate: null, stages: [] });
  });
});

describe('satisfaction', () => {
  it('is CSAT as the share of 4–5 ratings (with the average) and NPS as % promoters − % detractors', async () => {
    // CSAT 5, 3, 4 → 2 of 3 satisfied = 0.6667, average 4; NPS 10, 6, 9 → (2 − 1) ÷ 3 = 33.3.
    const byMonth = await report('satisfaction', `from=${M0}&to=${M0}`);
    expect(byMonth.rows).toEqual([
      { group: M0, csat: { responses: 3, satisfied: 2, satisfiedShare: 0.6667, averageScore: 4 }, nps: { responses: 3, promoters: 2, detractors: 1, score: 33.3 } },
    ]);
    // north: CSAT 5, 3 → 0.5, average 4; NPS 10, 6 → 0. south: CSAT 4 → 1; NPS 9 → 100.
    const byRegion = await report('satisfaction', `from=${M0}&to=${M0}&by=region`);
    expect(byRegion.rows).toEqual([
      { group: 'north', csat: { responses: 2, satisfied: 1, satisfiedShare: 0.5, averageScore: 4 }, nps: { responses: 2, promoters: 1, detractors: 1, score: 0 } },
      { group: 'south', csat: { responses: 1, satisfied: 1, satisfiedShare: 1, averageScore: 4 }, nps: { responses: 1, promoters: 1, detractors: 0, score: 100 } },
    ]);
  });
});

describe('revenue', () => {
  it('gives revenue per currency, ARPU, repurchase rate and lifetime value per month', async () => {
    const { rows } = await report('revenue', `from=${M2}&to=${M0}`);
    // M−2: A €10 + C €40 = €50 from 2 active → ARPU €25. A and C start here, both order again: repurchase 1.
    // CLV of that cohort: EUR (A €35 + C €40) ÷ 2 = €37.50; USD C $15 ÷ 1.
    expect(row(rows, M2)).toEqual({
      group: M2, orders: 2, activeCustomers: 2, newCustomers: 2, repeatCustomers: 2, repurchaseRate: 1,
      currencies: [
        { currency: 'EUR', revenueMinor: 5000, activeCustomers: 2, arpuMinor: 2500, cohortCustomers: 2, cohortRevenueMinor: 7500, lifetimeValueMinor: 3750 },
        { currency: 'USD', revenueMinor: 0, activeCustomers: 0, arpuMinor: null, cohortCustomers: 1, cohortRevenueMinor: 1500, lifetimeValueMinor: 1500 },
      ],
    });
    // M−1: A €20 + B €30 (E's €100 left with E) → €50 from 2 → €25. B starts here with one order: repurchase 0, CLV €30.
    expect(row(rows, M1)).toEqual({
      group: M1, orders: 2, activeCustomers: 2, newCustomers: 1, repeatCustomers: 0, repurchaseRate: 0,
      currencies: [{ currency: 'EUR', revenueMinor: 5000, activeCustomers: 2, arpuMinor: 2500, cohortCustomers: 1, cohortRevenueMinor: 3000, lifetimeValueMinor: 3000 }],
    });
    // M0: A €5, C $15, never added together; nobody new.
    expect(row(rows, M0)).toEqual({
      group: M0, orders: 2, activeCustomers: 2, newCustomers: 0, repeatCustomers: 0, repurchaseRate: null,
      currencies: [
        { currency: 'EUR', revenueMinor: 500, activeCustomers: 1, arpuMinor: 500, cohortCustomers: 0, cohortRevenueMinor: 0, lifetimeValueMinor: null },
        { currency: 'USD', revenueMinor: 1500, activeCustomers: 1, arpuMinor: 1500, cohortCustomers: 0, cohortRevenueMinor: 0, lifetimeValueMinor: null },
      ],
    });
  });

  it('sums a slice over the range: per owner', async () => {
    const { rows } = await report('revenue', `from=${M2}&to=${M0}&by=owner`);
    // owner (A, B): 4 orders, 4 customer-months (A 3, B 1), €65 → ARPU €16.25; A and B new, A repeats → 0.5; CLV (€35 + €30) ÷ 2 = €32.50.
    expect(row(rows, owner.userId)).toMatchObject({
      orders: 4, activeCustomers: 4, newCustomers: 2, repeatCustomers: 1, repurchaseRate: 0.5,
      currencies: [{ currency: 'EUR', revenueMinor: 6500, activeCustomers: 4, arpuMinor: 1625, cohortCustomers: 2, cohortRevenueMinor: 6500, lifetimeValueMinor: 3250 }],
    });
    // rep (C): 2 orders in 2 months; new and repeating → 1; €40 and $15 apart.
    expect(row(rows, rep.userId)).toMatchObject({
      orders: 2, activeCustomers: 2, newCustomers: 1, repeatCustomers: 1, repurchaseRate: 1,
      currencies: [
        { currency: 'EUR', revenueMinor: 4000, activeCustomers: 1, arpuMinor: 4000, cohortCustomers: 1, cohortRevenueMinor: 4000, lifetimeValueMinor: 4000 },
        { currency: 'USD', revenueMinor: 1500, activeCustomers: 1, arpuMinor: 1500, cohortCustomers: 1, cohortRevenueMinor: 1500, lifetimeValueMinor: 1500 },
      ],
    });
  });
});

describe('retention', () => {
  it('is customers who ordered in P−1 and in P ÷ those who ordered in P−1; churn is the rest', async () => {
    // M−1: of A, C (M−2) only A orders again → 0.5. M0: of A, B (M−1; E is gone) only A → 0.5.
    const byMonth = await report('retention', `from=${M1}&to=${M0}`);
    expect(byMonth.rows).toEqual([
      { group: M1, activeCustomers: 2, previousActive: 2, retained: 1, retentionRate: 0.5, churnRate: 0.5 },
      { group: M0, activeCustomers: 2, previousActive: 2, retained: 1, retentionRate: 0.5, churnRate: 0.5 },
    ]);
    // north: M−1 A of A, M0 A of A, B → 2 of 3; south: M−1 not C of C, M0 nobody before (E gone) → 0 of 1.
    const byRegion = await report('retention', `from=${M1}&to=${M0}&by=region`);
    expect(byRegion.rows).toEqual([
      { group: 'north', activeCustomers: 3, previousActive: 3, retained: 2, retentionRate: 0.6667, churnRate: 0.3333 },
      { group: 'south', activeCustomers: 1, previousActive: 1, retained: 0, retentionRate: 0, churnRate: 1 },
    ]);
  });
});

describe('service', () => {
  it('answers with every month of the range and nothing counted before tickets exist', async () => {
    const { rows } = await report('service', `from=${M1}&to=${M0}`);
    expect(rows.map((r) => [r.group, r.ticketsCreated, r.averageFirstResponseSeconds])).toEqual([
      [M1, 0, null],
      [M0, 0, null],
    ]);
  });
});

describe('the analytics query', () => {
  it.each([
    ['from=2026-13&to=2026-12', 'query.from'],
    ['from=2026-01&to=26-02', 'query.to'],
    ['from=2026-05&to=2026-01', 'query.to'],
    ['from=2020-01&to=2026-01', 'query.to'],
    ['by=country', 'query.by'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const response = await get(`/v1/analytics/revenue?${query}`, viewer.token);
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
  });

  it('defaults to the 12 months ending with the current one', async () => {
    const response = await report('satisfaction', '');
    expect([response.from, response.to, response.by, response.rows.length]).toEqual([addMonths(M0, -11), M0, 'month', 12]);
  });

  it('is refused to a role without analytics:read', async () => {
    expect((await get('/v1/analytics/revenue', rep.token)).status).toBe(403);
  });

  it("shows another workspace none of this one's numbers", async () => {
    const other = await stack.api.newTenant();
    const { rows } = await report('conversion', `from=${M0}&to=${M0}`, other.token);
    expect(rows).toEqual([{ group: M0, contactsCreated: 0, customers: 0, conversionRate: null, deals: { created: 0, won: 0, lost: 0, winRate: null, stages: [] } }]);
  });
});

describe('offboarding', () => {
  it("erases the workspace's aggregates, projector state and completeness totals, and the erasure's own stream writes none back", async () => {
    // Prepare
    const tenant = await stack.api.newTenant({ companyName: 'Closing Numbers' });
    const contact = await aContact(tenant.token, { firstName: 'Z', region: 'west', lifecycleStage: 'customer' });
    expect((await post(`/v1/contacts/${contact.id}/transactions`, { items: [{ product: 'Tea', quantity: 1, unitPrice: '1.00' }], currency: 'EUR' }, tenant.token)).status).toBe(201);
    await stack.analytics!.drain();
    const analyticsItems = async () => {
      let total = 0;
      const completeness = keys.contactCompletenessShards(tenant.tenantId).map((shard) => shard.pk);
      for (const pk of [keys.analyticsCellPartition(tenant.tenantId).pk, ...keys.analyticsStatePartitions(tenant.tenantId), ...completeness]) {
        const { Items = [] } = await stack.documents.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }));
        total += Items.length;
      }
      return total;
    };
    const before = await analyticsItems();

    // Act
    const receipt = await stack.api.request('DELETE', '/v1/tenant', { token: tenant.token, body: { confirm: 'Closing Numbers' } });
    await stack.analytics!.drain();

    // Assess
    expect(receipt.status).toBe(200);
    expect(before).toBeGreaterThan(0);
    expect(await analyticsItems()).toBe(0);
  });
});

/**
 * Deals and tickets are written by the sales and service areas, built beside this one. Until they
 * are merged, these cases write the canonical items of their contracts (common brief: **Deal**,
 * **Ticket**) straight into the table, under keys of the same shape (the projector reads only the
 * images), and read the numbers over HTTP. Once merged, the puts become POST /v1/deals and
 * /v1/tickets calls with the same data; the expected numbers stay.
 */
describe('deals and tickets, from their contracts', () => {
  let tenant: Awaited<ReturnType<typeof stack.api.newTenant>>;
  const put = (item: Record<string, unknown>) => stack.documents.send(new PutCommand({ TableName: stack.tableName, Item: item }));
  const deal = (id: string, over: Record<string, unknown>) => ({
    pk: `TENANT#${tenant.tenantId}#DEAL#${id}`, sk: 'DEAL', entity: 'deal', id, pipelineId: 'PIPE', stageId: 'qualify', status: 'open', amountMinor: 10000, currency: 'EUR',
    ownerId: tenant.userId, contactId: newId(), sourceChannel: 'web', region: 'north', createdAt: `${M1}-10T09:00:00.000Z`, stagesReached: ['qualify'], version: 1, ...over,
  });
  const ticket = (id: string, over: Record<string, unknown>) => ({
    pk: `TENANT#${tenant.tenantId}#TICKET#${id}`, sk: 'TICKET', entity: 'ticket', id, priority: 'high', status: 'open', assigneeId: tenant.userId, channel: 'email', region: 'north',
    createdAt: `${M1}-10T09:00:00.000Z`, firstResponseDueAt: `${M1}-10T11:00:00.000Z`, resolutionDueAt: `${M1}-11T09:00:00.000Z`, firstResponseBreached: false, resolutionBreached: false, version: 1, ...over,
  });

  beforeAll(async () => {
    tenant = await stack.api.newTenant();
    const [d1, d2, d3] = [newId(), newId(), newId()];
    await put(deal(d1, {}));
    // D1 moves on and is won in M0; D2 is lost in M0 after reaching "propose"; D3 stays open; D4 is created and deleted.
    await put(deal(d1, { stageId: 'won', status: 'won', stagesReached: ['qualify', 'propose', 'won'], closedAt: `${M0}-01T00:00:01.000Z`, version: 2 }));
    await put(deal(d2, { stageId: 'propose', status: 'lost', stagesReached: ['qualify', 'propose'], closedAt: `${M0}-01T00:00:02.000Z`, lostReason: 'price', region: 'south' }));
    await put(deal(d3, {}));
    const d4 = deal(newId(), {});
    await put(d4);
    await stack.documents.send(new DeleteCommand({ TableName: stack.tableName, Key: { pk: d4.pk, sk: d4.sk } }));
    const [t1, t2] = [newId(), newId()];
    await put(ticket(t1, {}));
    // T1: answered after 30 min, resolved after 2 h; T2: answered after 3 h (breached), resolved after 2 days (breached).
    await put(ticket(t1, { status: 'resolved', firstResponseAt: `${M1}-10T09:30:00.000Z`, resolvedAt: `${M1}-10T11:00:00.000Z`, version: 2 }));
    await put(ticket(t2, { status: 'resolved', firstResponseAt: `${M1}-10T12:00:00.000Z`, firstResponseBreached: true, resolvedAt: `${M1}-12T09:00:00.000Z`, resolutionBreached: true }));
    await stack.analytics!.drain();
  });

  it('gives conversion per stage from stagesReached and the win rate by close month', async () => {
    // Created in M−1: D1, D2, D3 (D4 deleted). qualify 3 of 3 = 1, propose (D1, D2) 2 of 3 = 0.6667, won 1 of 3 = 0.3333.
    const created = (await report('conversion', `from=${M1}&to=${M1}`, tenant.token)).rows[0]!.deals;
    expect(created).toEqual({
      created: 3, won: 0, lost: 0, winRate: null,
      stages: [
        { pipelineId: 'PIPE', stageId: 'propose', reached: 2, rate: 0.6667 },
        { pipelineId: 'PIPE', stageId: 'qualify', reached: 3, rate: 1 },
        { pipelineId: 'PIPE', stageId: 'won', reached: 1, rate: 0.3333 },
      ],
    });
    // Closed in M0: D1 won, D2 lost → win rate 0.5.
    expect((await report('conversion', `from=${M0}&to=${M0}`, tenant.token)).rows[0]!.deals).toMatchObject({ created: 0, won: 1, lost: 1, winRate: 0.5 });
    // Per region over both months: north D1, D3 → 1 of 1 closed won; south D2 → 0 of 1.
    const byRegion = await report('conversion', `from=${M1}&to=${M0}&by=region`, tenant.token);
    expect(byRegion.rows.map((r) => [r.group, r.deals.created, r.deals.winRate])).toEqual([
      ['north', 2, 1],
      ['south', 1, 0],
    ]);
  });

  it('averages first-response and resolution times, with breach rates', async () => {
    // First response (1800 + 10800) ÷ 2 = 6300 s, 1 of 2 breached; resolution (7200 + 172800) ÷ 2 = 90000 s, 1 of 2 breached.
    const { rows } = await report('service', `from=${M1}&to=${M1}&by=owner`, tenant.token);
    expect(rows).toEqual([
      {
        group: tenant.userId,
        ticketsCreated: 2,
        firstResponses: 2,
        averageFirstResponseSeconds: 6300,
        firstResponseBreachRate: 0.5,
        resolutions: 2,
        averageResolutionSeconds: 90000,
        resolutionBreachRate: 0.5,
      },
    ]);
  });
});

describe('a merge', () => {
  it('takes the merged-away contact out and moves its orders to the target, in the target\'s slices', async () => {
    // Prepare: target T (north, customer, one M−1 order €10); source S (south, lead, one M0 order €20).
    const tenant = await stack.api.newTenant();
    const target = await aContact(tenant.token, { firstName: 'T', region: 'north', lifecycleStage: 'customer' });
    const source = await aContact(tenant.token, { firstName: 'S', region: 'south' });
    const order = async (contactId: string, time: string, unitPrice: string) =>
      expect((await post(`/v1/contacts/${contactId}/transactions`, { items: [{ product: 'Tea', quantity: 1, unitPrice }], currency: 'EUR', time }, tenant.token)).status).toBe(201);
    await order(target.id, `${M1}-15T12:00:00Z`, '10.00');
    await order(source.id, `${M0}-01T00:00:01Z`, '20.00');
    await stack.analytics!.drain();
    const beforeMerge = await report('retention', `from=${M0}&to=${M0}&by=region`, tenant.token);

    // Act
    expect((await post(`/v1/contacts/${target.id}/merge`, { sourceId: source.id }, tenant.token)).status).toBe(200);
    await stack.analytics!.drain();

    // Assess: before, nobody in north ordered in M0 (retention 0 of 1); after, T has S's M0 order: 1 of 1.
    expect(beforeMerge.rows.map((r) => [r.group, r.retained, r.previousActive])).toEqual([
      ['north', 0, 1],
      ['south', 0, 0],
    ]);
    const conversion = await report('conversion', `from=${M0}&to=${M0}`, tenant.token);
    expect(conversion.rows[0]).toMatchObject({ contactsCreated: 1, customers: 1, conversionRate: 1 });
    const revenue = await report('revenue', `from=${M1}&to=${M0}&by=region`, tenant.token);
    // T: orders in M−1 and M0, €30, one customer who came back: repurchase 1. South keeps nothing.
    expect(revenue.rows.map((r) => [r.group, r.orders, r.newCustomers, r.repeatCustomers, r.currencies[0]?.revenueMinor ?? 0])).toEqual([
      ['north', 2, 1, 1, 3000],
      ['south', 0, 0, 0, 0],
    ]);
    const retention = await report('retention', `from=${M0}&to=${M0}&by=region`, tenant.token);
    expect(retention.rows.find((r) => r.group === 'north')).toMatchObject({ previousActive: 1, retained: 1, retentionRate: 1 });
  });
});

describe('deals and tickets, written through their own APIs', () => {
  /*
   * The same numbers, this time from what POST /v1/deals and POST /v1/tickets store, so the sales
   * and service areas are held to the contracts the projector reads. All in M0 (now):
   * D1 qualification → proposal, won; D2 qualification → needs analysis, lost; D3 stays open.
   * Per stage of the default pipeline: Qualification 3 of 3 = 1, Needs analysis 1 of 3 = 0.3333,
   * Proposal 1 of 3 = 0.3333. Won 1, lost 1 → win rate 0.5. One ticket, answered and resolved at
   * once: 1 first response, 1 resolution, no breaches.
   */
  it('counts stages reached, outcomes and service times from the stored items', async () => {
    const tenant = await stack.api.newTenant();
    const call = async (method: 'POST' | 'GET', path: string, body?: unknown) => {
      const response = await stack.api.request(method, path, { token: tenant.token, ...(body === undefined ? {} : { body }) });
      expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
      return response.body;
    };
    const contact = await aContact(tenant.token, { firstName: 'Pat', region: 'north', sourceChannel: 'web' });
    const pipeline = (await call('GET', '/v1/pipelines')).items[0] as { id: string; stages: { id: string; name: string }[] };
    const [qualification, needsAnalysis, proposal] = pipeline.stages;
    const aDeal = async (title: string) =>
      (await call('POST', '/v1/deals', { title, contactId: contact.id, amount: '100.00', currency: 'EUR', expectedCloseDate: `${M0}-28` })).id as string;
    const d1 = await aDeal('D1');
    await call('POST', `/v1/deals/${d1}/move`, { stageId: proposal!.id });
    await call('POST', `/v1/deals/${d1}/won`, {});
    const d2 = await aDeal('D2');
    await call('POST', `/v1/deals/${d2}/move`, { stageId: needsAnalysis!.id });
    await call('POST', `/v1/deals/${d2}/lost`, { reason: 'price' });
    await aDeal('D3');
    const ticket = (await call('POST', '/v1/tickets', { subject: 'Broken lid', contactId: contact.id, priority: 'high' })).id as string;
    await call('POST', `/v1/tickets/${ticket}/replies`, { body: 'On it' });
    await call('POST', `/v1/tickets/${ticket}/resolve`, {});
    await stack.analytics!.drain();

    const deals = (await report('conversion', `from=${M0}&to=${M0}`, tenant.token)).rows[0]!.deals;
    expect(deals).toMatchObject({ created: 3, won: 1, lost: 1, winRate: 0.5 });
    const rateOf = (stageId: string) => deals.stages.find((stage: { stageId: string }) => stage.stageId === stageId)?.rate;
    expect([rateOf(qualification!.id), rateOf(needsAnalysis!.id), rateOf(proposal!.id)]).toEqual([1, 0.3333, 0.3333]);
    expect(deals.stages).toHaveLength(3);
    const service = (await report('service', `from=${M0}&to=${M0}`, tenant.token)).rows[0]!;
    expect(service).toMatchObject({ ticketsCreated: 1, firstResponses: 1, resolutions: 1, firstResponseBreachRate: 0, resolutionBreachRate: 0 });
  });
});
