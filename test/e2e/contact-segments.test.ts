import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/**
 * A contact's lifecycle stage, source channel and region (as companies have them), stored in
 * clear for analytics, and the contact listing's filters by stage and tag.
 */
const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;

beforeAll(async () => {
  owner = await stack.api.newTenant();
});

const post = (body: unknown, token = owner.token) => stack.api.request('POST', '/v1/contacts', { token, body });
const patch = (id: string, body: unknown, token = owner.token) => stack.api.request('PATCH', `/v1/contacts/${id}`, { token, body });
const list = (query: string, token = owner.token) => stack.api.request('GET', `/v1/contacts${query}`, { token });
const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('lifecycle stage, source channel and region', () => {
  it('starts a contact as a lead, lower-cases the channel, and stores all three in clear', async () => {
    // Act
    const plain = await post({ firstName: 'Ann' });
    const segmented = await post({ firstName: 'Bob', lifecycleStage: 'prospect', sourceChannel: 'Web', region: ' EMEA ' });

    // Assess
    expect(plain.status).toBe(201);
    expect(plain.body.lifecycleStage).toBe('lead');
    expect(segmented.body).toMatchObject({ lifecycleStage: 'prospect', sourceChannel: 'web', region: 'EMEA' });
    const { duplicates: _duplicates, ...created } = segmented.body;
    expect((await stack.api.request('GET', `/v1/contacts/${segmented.body.id}`, { token: owner.token })).body).toEqual(created);
    const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.contact(owner.tenantId, segmented.body.id) }));
    expect(Item).toMatchObject({ lifecycleStage: 'prospect', sourceChannel: 'web', region: 'EMEA' });
  });

  it.each([
    ['an unknown lifecycle stage', { lifecycleStage: 'won' }, 'lifecycleStage', 'must be one of lead, prospect, customer, churned'],
    ['a channel with spaces', { sourceChannel: 'trade fair' }, 'sourceChannel', 'channel name'],
    ['an empty region', { region: ' ' }, 'region', 'must not be empty'],
  ])('refuses a contact with %s, naming the field, and stores nothing', async (_case, override, field, message) => {
    // Prepare
    const tenant = await stack.api.newTenant();

    // Act
    const response = await post({ firstName: 'Ann', ...override }, tenant.token);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContainEqual({ field, message: expect.stringContaining(message) });
    expect((await list('', tenant.token)).body.items).toEqual([]);
  });

  it('changes them with PATCH, clears channel and region with null, and refuses to clear the stage', async () => {
    // Prepare
    const contact = (await post({ firstName: 'Cy', sourceChannel: 'referral', region: 'APAC' })).body;

    // Act
    const changed = await patch(contact.id, { lifecycleStage: 'customer', sourceChannel: null, region: null });
    const cleared = await patch(contact.id, { lifecycleStage: null });

    // Assess
    expect(changed.status).toBe(200);
    expect(changed.body.lifecycleStage).toBe('customer');
    expect(changed.body).not.toHaveProperty('sourceChannel');
    expect(changed.body).not.toHaveProperty('region');
    expect(cleared.status).toBe(400);
    expect(cleared.body.error.details.fields).toContainEqual({ field: 'lifecycleStage', message: expect.stringContaining('must be one of') });
    expect((await stack.api.request('GET', `/v1/contacts/${contact.id}`, { token: owner.token })).body).toMatchObject({ lifecycleStage: 'customer', version: 2 });
    const events = (await auditEventsInTable(stack.documents, stack.tableName, owner.tenantId)).filter((event) => event.target?.id === contact.id);
    expect(events.at(-1)!.changedFields).toEqual(['lifecycleStage', 'sourceChannel', 'region']);
  });
});

describe('filtering the contact listing', () => {
  it('lists only the contacts at a stage, with a tag, or both', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const create = async (body: Record<string, unknown>) => (await post({ firstName: 'X', ...body }, tenant.token)).body.id as string;
    const vipCustomer = await create({ lifecycleStage: 'customer', tags: ['vip'] });
    const customer = await create({ lifecycleStage: 'customer' });
    const vipLead = await create({ tags: ['vip', 'berlin'] });
    await create({ tags: ['vipx'] });

    // Act
    const customers = await list('?lifecycleStage=customer', tenant.token);
    const vips = await list('?tag=vip', tenant.token);
    const both = await list('?lifecycleStage=customer&tag=vip', tenant.token);
    const leads = await list('?lifecycleStage=lead', tenant.token);

    // Assess
    expect(ids(customers.body.items)).toEqual([vipCustomer, customer]);
    expect(ids(vips.body.items)).toEqual([vipCustomer, vipLead]);
    expect(ids(both.body.items)).toEqual([vipCustomer]);
    expect(ids(leads.body.items)).toHaveLength(2);
    expect(leads.body.items.every((item: { lifecycleStage: string }) => item.lifecycleStage === 'lead')).toBe(true);
  });

  it('pages through a filtered listing exactly once, in creation order, and keeps a sales rep to their own contacts', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const rep = await joinAs(stack.api, tenant.token, stack.mailDir, 'sales_rep', inviteTokenFor);
    const expected: string[] = [];
    for (let index = 0; index < 7; index++) {
      const id = (await post({ firstName: `C${index}`, lifecycleStage: index % 2 ? 'churned' : 'prospect' }, tenant.token)).body.id;
      if (index % 2 === 0) expected.push(id);
    }
    const repsOwn = (await post({ firstName: 'Mine', lifecycleStage: 'prospect' }, rep.token)).body.id;
    expected.push(repsOwn);

    // Act
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?lifecycleStage=prospect&limit=2${cursor ? `&cursor=${cursor}` : ''}`, tenant.token);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.body.items));
      cursor = page.body.nextCursor;
    } while (cursor);
    const repsView = await list('?lifecycleStage=prospect', rep.token);

    // Assess
    expect(seen).toEqual(expected);
    expect(ids(repsView.body.items)).toEqual([repsOwn]);
  });

  it.each([
    ['an unknown stage', '?lifecycleStage=won', 'query.lifecycleStage'],
    ['an empty tag', '?tag=', 'query.tag'],
    ['a tag with an email lookup', '?email=a@example.com&tag=vip', 'query.tag'],
    ['a stage with an email lookup', '?email=a@example.com&lifecycleStage=lead', 'query.lifecycleStage'],
  ])('refuses a listing with %s, naming the parameter', async (_case, query, field) => {
    // Act
    const response = await list(query);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
  });
});
