import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoTenantEraser, keys } from '@rapport/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEventsInTable } from '../support/audit-items';
import { EXAMPLE_RULES, contactWith, writeScores } from '../support/marketing-fixtures';
import { useTestApi } from '../support/test-stack';

/**
 * Campaigns through the API. As in segments.test.ts, the scores items are written straight into
 * the table in the contract's shape (the insights job is not on this branch).
 */
const stack = useTestApi();
type Tenant = Awaited<ReturnType<typeof stack.api.newTenant>>;

const post = (tenant: Tenant, path: string, body?: unknown) => stack.api.request('POST', path, { token: tenant.token, ...(body === undefined ? {} : { body }) });
const get = (tenant: Tenant, path: string) => stack.api.request('GET', path, { token: tenant.token });
const partitionOf = async (tenantId: string, campaignId: string) =>
  (
    await stack.documents.send(
      new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.campaignPartition(tenantId, campaignId).pk }, ConsistentRead: true }),
    )
  ).Items ?? [];

describe('a campaign to the example segment', () => {
  let owner: Tenant;
  let ada: string;
  let fay: string;
  let outsider: string;
  let segmentId: string;
  let campaignId: string;

  beforeAll(async () => {
    owner = await stack.api.newTenant();
    ada = await contactWith(stack.api, owner.token, { firstName: 'Ada', region: 'east' }, 10);
    await writeScores(stack.documents, stack.tableName, owner.tenantId, ada, [4, 4, 4]);
    fay = await contactWith(stack.api, owner.token, { firstName: 'Fay', region: 'east' }, 20);
    await writeScores(stack.documents, stack.tableName, owner.tenantId, fay, [5, 5, 5]);
    outsider = await contactWith(stack.api, owner.token, { firstName: 'Out', region: 'west' }, 10);
    segmentId = (await post(owner, '/v1/segments', { name: 'Best of the east', rules: EXAMPLE_RULES })).body.id;
  });

  it('refuses a bad campaign naming the field, and writes nothing', async () => {
    const channel = await post(owner, '/v1/campaigns', { name: 'Spring', channel: 'fax', segmentId, currency: 'EUR' });
    const budget = await post(owner, '/v1/campaigns', { name: 'Spring', channel: 'email', segmentId, currency: 'EUR', budget: '10.001' });
    const window = await post(owner, '/v1/campaigns', { name: 'Spring', channel: 'email', segmentId, currency: 'EUR', startAt: '2026-05-02T00:00:00Z', endAt: '2026-05-01T00:00:00Z' });
    const noSegment = await post(owner, '/v1/campaigns', { name: 'Spring', channel: 'email', segmentId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', currency: 'EUR' });

    for (const [response, field] of [[channel, 'channel'], [budget, 'budget'], [window, 'endAt'], [noSegment, 'segmentId']] as const) {
      expect(response.status).toBe(400);
      expect(response.body.error.details.fields.map((problem: { field: string }) => problem.field)).toEqual([field]);
    }
    expect((await get(owner, '/v1/campaigns')).body.items).toEqual([]);
  });

  it('is a draft until launched; the launch fixes the audience', async () => {
    const created = await post(owner, '/v1/campaigns', { name: 'Spring', channel: 'email', segmentId, currency: 'EUR', budget: '500' });
    campaignId = created.body.id;
    const early = await post(owner, `/v1/campaigns/${campaignId}/conversions`, { contactId: ada });

    const launched = await post(owner, `/v1/campaigns/${campaignId}/launch`);
    // A contact that matches only after the launch is not in the fixed audience.
    const late = await contactWith(stack.api, owner.token, { firstName: 'Late', region: 'east' }, 5);
    await writeScores(stack.documents, stack.tableName, owner.tenantId, late, [5, 5, 5]);
    const again = await post(owner, `/v1/campaigns/${campaignId}/launch`);
    const lateConversion = await post(owner, `/v1/campaigns/${campaignId}/conversions`, { contactId: late });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', budget: '500', budgetMinor: 50000, audienceSize: 0 });
    expect(early.status).toBe(409);
    expect(launched.status).toBe(200);
    expect(launched.body).toMatchObject({ status: 'launched', audienceSize: 2, conversions: 0 });
    expect(again.status).toBe(409);
    expect(lateConversion.status).toBe(400);
    expect(lateConversion.body.error.details.fields).toEqual([{ field: 'contactId', message: expect.stringContaining('audience') }]);
    const chunks = (await partitionOf(owner.tenantId, campaignId)).filter((item) => String(item.sk).startsWith('AUDIENCE#'));
    expect(chunks.flatMap((chunk) => chunk.contactIds)).toEqual([ada, fay]);
  });

  it('records a conversion of an audience member once, moving the counters with it', async () => {
    const converted = await post(owner, `/v1/campaigns/${campaignId}/conversions`, { contactId: ada, value: '25.50' });
    const duplicate = await post(owner, `/v1/campaigns/${campaignId}/conversions`, { contactId: ada, value: '99.00' });
    const outside = await post(owner, `/v1/campaigns/${campaignId}/conversions`, { contactId: outsider });
    const badValue = await post(owner, `/v1/campaigns/${campaignId}/conversions`, { contactId: fay, value: '1.234' });
    const campaign = await get(owner, `/v1/campaigns/${campaignId}`);

    expect(converted.status).toBe(201);
    expect(converted.body).toMatchObject({ campaignId, channel: 'email', contactId: ada, valueMinor: 2550, currency: 'EUR' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'CONVERSION_EXISTS', details: { field: 'contactId' } });
    expect(outside.status).toBe(400);
    expect(badValue.status).toBe(400);
    expect(badValue.body.error.details.fields[0].field).toBe('value');
    expect(campaign.body).toMatchObject({ conversions: 1, conversionValueMinor: 2550, audienceSize: 2 });
    const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.campaignConversion(owner.tenantId, campaignId, ada) }));
    expect(Item).toMatchObject({ entity: 'campaign-conversion', campaignId, channel: 'email', contactId: ada, valueMinor: 2550, currency: 'EUR', occurredAt: expect.any(String) });
    const actions = (await auditEventsInTable(stack.documents, stack.tableName, owner.tenantId)).filter((event) => event.target?.id === campaignId).map((event) => event.action);
    expect(actions).toEqual(['campaign.created', 'campaign.launched', 'campaign.conversion_recorded']);
  });

  it('takes the value and time of a named order of the contact, and refuses an order that is not hers', async () => {
    const order = await post(owner, `/v1/contacts/${fay}/transactions`, { items: [{ product: 'Cake', quantity: 2, unitPrice: '4.25' }], currency: 'EUR' });
    const adasOrder = (await post(owner, `/v1/contacts/${ada}/transactions`, { items: [{ product: 'Tea', quantity: 1, unitPrice: '1.00' }], currency: 'EUR' })).body.id;

    const wrong = await post(owner, `/v1/campaigns/${campaignId}/conversions`, { contactId: fay, orderId: adasOrder });
    const converted = await post(owner, `/v1/campaigns/${campaignId}/conversions`, { contactId: fay, orderId: order.body.id });
    const campaign = await get(owner, `/v1/campaigns/${campaignId}`);

    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0].field).toBe('orderId');
    expect(converted.status).toBe(201);
    expect(converted.body).toMatchObject({ contactId: fay, orderId: order.body.id, valueMinor: 850, currency: 'EUR', occurredAt: order.body.time });
    expect(campaign.body).toMatchObject({ conversions: 2, conversionValueMinor: 2550 + 850 });
  });

  it('completes, after which a conversion past its end is refused', async () => {
    const completed = await stack.api.request('PATCH', `/v1/campaigns/${campaignId}`, { token: owner.token, body: { status: 'completed' } });
    const late = await post(owner, `/v1/campaigns/${campaignId}/conversions`, { contactId: ada, occurredAt: new Date(Date.now() + 3_600_000).toISOString() });

    expect(completed.body).toMatchObject({ status: 'completed', conversions: 2, completedAt: expect.any(String) });
    expect(late.status).toBe(400);
    expect(late.body.error.details.fields[0].field).toBe('occurredAt');
  });

  it('is deleted with its audience and conversions, and offboarding erases the rest', async () => {
    const other = (await post(owner, '/v1/campaigns', { name: 'Ads', channel: 'ads', segmentId, currency: 'EUR' })).body.id;
    await post(owner, `/v1/campaigns/${other}/launch`);

    const orphanSegment = (await post(owner, '/v1/segments', { name: 'Soon gone', rules: EXAMPLE_RULES })).body.id;
    const orphan = (await post(owner, '/v1/campaigns', { name: 'Orphan', channel: 'sms', segmentId: orphanSegment, currency: 'EUR' })).body.id;
    await stack.api.request('DELETE', `/v1/segments/${orphanSegment}`, { token: owner.token });
    const orphanLaunch = await post(owner, `/v1/campaigns/${orphan}/launch`);
    expect(orphanLaunch.status).toBe(409);
    expect(orphanLaunch.body.error.message).toContain('segment was deleted');

    const deleted = await stack.api.request('DELETE', `/v1/campaigns/${other}`, { token: owner.token });
    const gone = await get(owner, `/v1/campaigns/${other}`);
    const leftOfDeleted = await partitionOf(owner.tenantId, other);
    await new DynamoTenantEraser({ client: stack.documents, tableName: stack.tableName }).erase(owner.tenantId);

    expect(deleted.status).toBe(204);
    expect(gone.status).toBe(404);
    expect(leftOfDeleted).toEqual([]);
    expect(await partitionOf(owner.tenantId, campaignId)).toEqual([]);
    const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.segment(owner.tenantId, segmentId) }));
    expect(Item).toBeUndefined();
  });
});

describe('GET /v1/campaigns/performance', () => {
  it('answers per channel against a hand-computed fixture', async () => {
    // Prepare: 3 contacts in the east, 1 in the west; every launched campaign reaches the 3.
    const tenant = await stack.api.newTenant();
    const east = [];
    for (const name of ['A', 'B', 'C']) east.push(await contactWith(stack.api, tenant.token, { firstName: name, region: 'east' }));
    await contactWith(stack.api, tenant.token, { firstName: 'W', region: 'west' });
    const segmentId = (await post(tenant, '/v1/segments', { name: 'East', rules: { all: [{ field: 'region', op: 'eq', value: 'east' }] } })).body.id;
    const campaign = async (channel: string, launch = true) => {
      const id = (await post(tenant, '/v1/campaigns', { name: `${channel} campaign`, channel, segmentId, currency: 'EUR' })).body.id;
      if (launch) expect((await post(tenant, `/v1/campaigns/${id}/launch`)).body.audienceSize).toBe(3);
      return id;
    };
    const before = new Date(Date.now() - 1000).toISOString();
    const email1 = await campaign('email');
    const email2 = await campaign('email');
    await campaign('sms');
    await campaign('social', false);
    await post(tenant, `/v1/campaigns/${email1}/conversions`, { contactId: east[0], value: '10.00' });
    await post(tenant, `/v1/campaigns/${email1}/conversions`, { contactId: east[1], value: 5 });
    await post(tenant, `/v1/campaigns/${email2}/conversions`, { contactId: east[2] });
    const after = new Date(Date.now() + 60_000).toISOString();

    // Act
    const performance = await get(tenant, `/v1/campaigns/performance?from=${before}&to=${after}`);
    const earlier = await get(tenant, `/v1/campaigns/performance?from=2020-01-01T00:00:00Z&to=${before}`);
    const backwards = await get(tenant, `/v1/campaigns/performance?from=${after}&to=${before}`);

    // Assess: email: 2 campaigns, audience 3 + 3 = 6, conversions 2 + 1 = 3, rate 3/6, value 10.00 + 5.00.
    expect(performance.body.channels).toEqual([
      { channel: 'email', campaigns: 2, audience: 6, conversions: 3, conversionRate: 0.5, value: [{ currency: 'EUR', amount: '15.00', amountMinor: 1500 }] },
      { channel: 'sms', campaigns: 1, audience: 3, conversions: 0, conversionRate: 0, value: [] },
      { channel: 'social', campaigns: 0, audience: 0, conversions: 0, conversionRate: 0, value: [] },
      { channel: 'ads', campaigns: 0, audience: 0, conversions: 0, conversionRate: 0, value: [] },
    ]);
    expect(earlier.body.channels.every((row: { campaigns: number }) => row.campaigns === 0)).toBe(true);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.fields[0].field).toBe('query.to');
    const pages = await get(tenant, '/v1/campaigns?limit=2');
    const rest = await get(tenant, `/v1/campaigns?limit=2&cursor=${encodeURIComponent(pages.body.nextCursor)}`);
    expect([...pages.body.items, ...rest.body.items].map((item: { channel: string }) => item.channel)).toEqual(['email', 'email', 'sms', 'social']);
  });
});
