import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/** Normalisation on write, duplicate detection and completeness, over HTTP against the local stack. */
// The completeness totals follow from the table stream: the analytics pipeline keeps them.
const stack = useTestApi({ analyticsPipeline: true });
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;

beforeAll(async () => {
  owner = await stack.api.newTenant();
});

const post = (path: string, body: unknown, token = owner.token) => stack.api.request('POST', path, { token, body });
const get = (path: string, token = owner.token) => stack.api.request('GET', path, { token });

describe('duplicate detection on create', () => {
  it('answers the contacts with the same email, the same phone (however written) or a similar name at a similar company', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const byEmail = (await post('/v1/contacts', { firstName: 'Old', lastName: 'Address', email: 'margaret@example.com' }, tenant.token)).body;
    const byPhone = (await post('/v1/contacts', { firstName: 'Front', lastName: 'Desk', phone: '+1 206-555-8122' }, tenant.token)).body;
    const byName = (await post('/v1/contacts', { firstName: 'Margret', lastName: 'Peacock', company: 'Northwind Traders Ltd' }, tenant.token)).body;
    const unrelated = (await post('/v1/contacts', { firstName: 'Margaret', lastName: 'Peacock', company: 'Contoso' }, tenant.token)).body;

    // Act
    const response = await post(
      '/v1/contacts',
      { firstName: 'Margaret', lastName: 'Peacock', email: ' Margaret@Example.COM ', phone: '+1 (206) 555 8122', company: 'Northwind Traders' },
      tenant.token,
    );

    // Assess
    expect(response.status).toBe(201);
    expect(response.body.duplicates).toEqual([
      { contactId: byEmail.id, reasons: ['same_email'], score: 0.95 },
      { contactId: byPhone.id, reasons: ['same_phone'], score: 0.85 },
      { contactId: byName.id, reasons: ['similar_name_and_company'], score: expect.any(Number) },
    ]);
    expect(response.body.duplicates.map((candidate: { contactId: string }) => candidate.contactId)).not.toContain(unrelated.id);
    expect(response.body).toMatchObject({ email: 'margaret@example.com', phone: '+12065558122' });
    // The contact is created all the same: the caller decides whether to merge.
    expect((await get(`/v1/contacts/${response.body.id}`, tenant.token)).status).toBe(200);
  });

  it('compares a namesake by the name and company it has now: a changed company, and a lookup written before lookups carried them', async () => {
    // Prepare: a namesake moved from Contoso to Northwind; another whose lookup carries nothing (written before it did).
    const tenant = await stack.api.newTenant();
    const moved = (await post('/v1/contacts', { firstName: 'Ada', lastName: 'Byron', company: 'Contoso' }, tenant.token)).body;
    expect((await stack.api.request('PATCH', `/v1/contacts/${moved.id}`, { token: tenant.token, body: { company: 'Northwind Traders Ltd' } })).status).toBe(200);
    const older = (await post('/v1/contacts', { firstName: 'Adah', lastName: 'Byron', company: 'Northwind Traders' }, tenant.token)).body;
    const lookupKey = keys.contactLookup(tenant.tenantId, older.id, 'NAME');
    const { Item: lookup } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: lookupKey, ConsistentRead: true }));
    const { firstName: _f, lastName: _l, company: _c, companyId: _i, ...bare } = lookup!;
    await stack.documents.send(new PutCommand({ TableName: stack.tableName, Item: bare }));

    // Act
    const atNorthwind = await post('/v1/contacts', { firstName: 'Ada', lastName: 'Byron', company: 'Northwind Traders' }, tenant.token);
    const atContoso = await post('/v1/contacts', { firstName: 'Ada', lastName: 'Byron', company: 'Contoso' }, tenant.token);

    // Assess
    const idsOf = (response: { body: { duplicates: { contactId: string }[] } }) => response.body.duplicates.map((candidate) => candidate.contactId).sort();
    expect(idsOf(atNorthwind)).toEqual([moved.id, older.id].sort());
    expect(idsOf(atContoso)).not.toContain(moved.id);
  });

  it('keeps the phone only encrypted, with a blind index beside the profile for exact lookups', async () => {
    // Act
    const contact = (await post('/v1/contacts', { firstName: 'Hidden', phone: '+44 20 7946 0958' })).body;

    // Assess
    const { Items = [] } = await stack.documents.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.contactPartition(owner.tenantId, contact.id).pk },
        ConsistentRead: true,
      }),
    );
    expect(JSON.stringify(Items)).not.toContain('2079460958');
    expect(Items.map((item) => item.sk).sort()).toEqual(['LOOKUP#PHONE', 'PROFILE']);
    const lookup = Items.find((item) => item.sk === 'LOOKUP#PHONE')!;
    expect(lookup.gsi3pk).toMatch(new RegExp(`^TENANT#${owner.tenantId}#CONTACT_PHONE#[A-Za-z0-9_-]{43}$`));
  });

  it('keeps a name lookup only while a contact has a company, the only case a namesake can match', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const sortKeys = async (id: string) => {
      const { Items = [] } = await stack.documents.send(
        new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.contactPartition(tenant.tenantId, id).pk }, ConsistentRead: true }),
      );
      return Items.map((item) => item.sk).sort();
    };
    const contact = (await post('/v1/contacts', { firstName: 'Grace', lastName: 'Hopper' }, tenant.token)).body;
    const withoutCompany = await sortKeys(contact.id);

    // Act
    await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token: tenant.token, body: { company: 'Remington Rand' } });
    const withCompany = await sortKeys(contact.id);
    const namesake = await post('/v1/contacts', { firstName: 'Grace', lastName: 'Hopper', company: 'Remington Rand' }, tenant.token);
    await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token: tenant.token, body: { company: null } });

    // Assess
    expect(withoutCompany).toEqual(['PROFILE']);
    expect(withCompany).toEqual(['LOOKUP#NAME', 'PROFILE']);
    expect(namesake.body.duplicates.map((candidate: { contactId: string }) => candidate.contactId)).toEqual([contact.id]);
    expect(await sortKeys(contact.id)).toEqual(['PROFILE']);
  });

  it('stops finding a contact by a phone it no longer has', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const first = (await post('/v1/contacts', { firstName: 'Ann', phone: '+44 20 7946 0001' }, tenant.token)).body;
    await stack.api.request('PATCH', `/v1/contacts/${first.id}`, { token: tenant.token, body: { phone: null } });

    // Act
    const response = await post('/v1/contacts', { firstName: 'Bob', phone: '+44 20 7946 0001' }, tenant.token);

    // Assess
    expect(response.body.duplicates).toEqual([]);
  });

  it('only answers candidates the caller may see', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const rep = await joinAs(stack.api, tenant.token, stack.mailDir, 'sales_rep', inviteTokenFor);
    await post('/v1/contacts', { firstName: 'Owned', lastName: 'By Owner', email: 'shared@example.com' }, tenant.token);

    // Act
    const response = await post('/v1/contacts', { firstName: 'Rep', email: 'shared@example.com' }, rep.token);

    // Assess
    expect(response.status).toBe(201);
    expect(response.body.duplicates).toEqual([]);
  });

  it('refuses a phone number without its country code, naming the field, and stores nothing', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();

    // Act
    const response = await post('/v1/contacts', { firstName: 'Local', phone: '020 7946 0958' }, tenant.token);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toEqual([{ field: 'phone', message: expect.stringContaining('must include the country code') }]);
    expect((await get('/v1/contacts', tenant.token)).body.items).toEqual([]);
    await stack.analytics!.drain();
    expect((await get('/v1/contacts/completeness', tenant.token)).body.contacts).toBe(0);
  });
});

describe('GET /v1/contacts/{id}/duplicates', () => {
  it('lists the candidates of an existing contact, itself excluded, likeliest first', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const a = (await post('/v1/contacts', { firstName: 'Jon', lastName: 'Smith', company: 'Acme', email: 'jon@acme.example' }, tenant.token)).body;
    const b = (await post('/v1/contacts', { firstName: 'John', lastName: 'Smith', company: 'ACME', email: 'jon@acme.example' }, tenant.token)).body;
    const c = (await post('/v1/contacts', { firstName: 'Johnny', lastName: 'Smith', company: 'Acme' }, tenant.token)).body;

    // Act
    const response = await get(`/v1/contacts/${b.id}/duplicates`, tenant.token);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.items.map((candidate: { contactId: string }) => candidate.contactId)).toEqual([a.id, c.id]);
    expect(response.body.items[0].reasons).toEqual(['same_email', 'similar_name_and_company']);
    expect(response.body.items[0].score).toBeGreaterThan(response.body.items[1].score);
  });

  it('answers 404 for a contact the caller may not see', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const rep = await joinAs(stack.api, tenant.token, stack.mailDir, 'sales_rep', inviteTokenFor);
    const theirs = (await post('/v1/contacts', { firstName: 'Not', lastName: 'Yours' }, tenant.token)).body;

    // Act
    const response = await get(`/v1/contacts/${theirs.id}/duplicates`, rep.token);

    // Assess
    expect(response.status).toBe(404);
  });

  it('refuses an id that is not a contact id with 400 naming it', async () => {
    const response = await get('/v1/contacts/not-an-id/duplicates');

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContainEqual({ field: 'path.id', message: 'must be a contact id' });
  });
});

describe('completeness', () => {
  it('scores each contact on read and keeps the workspace totals through creates, updates and deletes', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const full = (
      await post(
        '/v1/contacts',
        { firstName: 'Full', lastName: 'Profile', email: 'full@example.com', phone: '+44 20 7946 0002', company: 'Acme', title: 'CEO', address: '1 Road', birthday: '1980-01-01', tags: ['vip'] },
        tenant.token,
      )
    ).body;
    const sparse = (await post('/v1/contacts', { firstName: 'Sparse' }, tenant.token)).body;
    const gone = (await post('/v1/contacts', { firstName: 'Gone', email: 'gone@example.com' }, tenant.token)).body;

    // Act
    const updated = await stack.api.request('PATCH', `/v1/contacts/${sparse.id}`, { token: tenant.token, body: { email: 'sparse@example.com' } });
    await stack.api.request('DELETE', `/v1/contacts/${gone.id}`, { token: tenant.token });
    await stack.analytics!.drain();
    const report = await get('/v1/contacts/completeness', tenant.token);

    // Assess
    expect(full.completeness).toBe(100);
    expect(sparse.completeness).toBe(10);
    expect(updated.body.completeness).toBe(30);
    expect((await get(`/v1/contacts/${sparse.id}`, tenant.token)).body.completeness).toBe(30);
    expect(report.status).toBe(200);
    expect(report.body).toEqual({
      average: 65,
      contacts: 2,
      byField: { firstName: 1, lastName: 0.5, email: 1, phone: 0.5, company: 0.5, title: 0.5, address: 0.5, birthday: 0.5, tags: 0.5 },
    });
  });

  it('stays exact under concurrent writes, once the stream has carried them', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();

    // Act
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => post('/v1/contacts', i % 2 === 0 ? { firstName: `Even ${i}`, email: `even${i}@example.com` } : { firstName: `Odd ${i}` }, tenant.token)),
    );

    // Assess
    expect(created.map((response) => response.status)).toEqual(Array(8).fill(201));
    await stack.analytics!.drain();
    const report = (await get('/v1/contacts/completeness', tenant.token)).body;
    expect(report).toMatchObject({ contacts: 8, average: 20, byField: { firstName: 1, email: 0.5, phone: 0 } });
  });

  it('sums the shards the stream moved and the single item written before the shards', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    // Totals written before the shards existed sit in one item, read as one more shard.
    const [legacy] = keys.contactCompletenessShards(tenant.tenantId);
    await stack.documents.send(
      new PutCommand({ TableName: stack.tableName, Item: { ...legacy, entity: 'contact-completeness', contacts: 1, scoreSum: 10, filled_firstName: 1 } }),
    );

    // Act
    await Promise.all(Array.from({ length: 6 }, (_, i) => post('/v1/contacts', { firstName: `Spread ${i}`, email: `spread${i}@example.com` }, tenant.token)));
    await stack.analytics!.drain();
    const report = (await get('/v1/contacts/completeness', tenant.token)).body;

    // Assess
    expect(report).toMatchObject({ contacts: 7, average: 27.1, byField: { firstName: 1, email: 0.857 } });
  });

  it('is only for those who may see every contact', async () => {
    // Prepare
    const rep = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);

    // Act
    const response = await get('/v1/contacts/completeness', rep.token);

    // Assess
    expect(response.status).toBe(403);
    expect(response.body.error.details.permission).toBe('contacts:read_all');
  });
});
