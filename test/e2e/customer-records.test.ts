import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/**
 * Companies, and the records in a contact's partition (orders, interactions, feedback), and the
 * 360 view that reads them all, over HTTP against the local stack.
 */
const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
let marketer: { token: string };
let rep: { token: string; userId: string };

beforeAll(async () => {
  owner = await stack.api.newTenant();
  marketer = await joinAs(stack.api, owner.token, stack.mailDir, 'marketer', inviteTokenFor);
  rep = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);
});

const aCompany = (overrides: Record<string, unknown> = {}) => ({
  name: 'Northwind Traders',
  domain: 'Northwind.Example',
  industry: 'Wholesale',
  size: '51-200',
  region: 'EMEA',
  phone: '+44 20 7946 0000',
  address: '1 Market Street, London',
  tags: ['key-account'],
  lifecycleStage: 'customer',
  sourceChannel: 'Referral',
  ...overrides,
});
const anOrder = (overrides: Record<string, unknown> = {}) => ({
  items: [{ product: 'Earl Grey, 1 kg', quantity: 3, unitPrice: '19.99' }],
  currency: 'EUR',
  ...overrides,
});

const post = (path: string, body: unknown, token = owner.token) => stack.api.request('POST', path, { token, body });
const get = (path: string, token = owner.token) => stack.api.request('GET', path, { token });
const newContact = async (token = owner.token, body: Record<string, unknown> = { firstName: 'Jane', email: 'jane.doe@example.com' }) =>
  (await post('/v1/contacts', body, token)).body as { id: string; version: number };
const newCompany = async (token = owner.token, overrides: Record<string, unknown> = {}) =>
  (await post('/v1/companies', aCompany(overrides), token)).body as { id: string; version: number };
const auditEvents = (tenantId = owner.tenantId) => auditEventsInTable(stack.documents, stack.tableName, tenantId);
async function storedRecord(contactId: string, kind: 'TXN' | 'INTERACTION' | 'FEEDBACK', id: string) {
  const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.contactRecord(owner.tenantId, contactId, kind, id) }));
  return Item;
}
/** The partition without the profile's own lookup items (phone, name blocking key). */
const recordsIn = async (tenantId: string, contactId: string) => (await partition(tenantId, contactId)).filter((item) => !String(item.sk).startsWith('LOOKUP#'));
async function partition(tenantId: string, contactId: string) {
  const { Items = [] } = await stack.documents.send(
    new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.contactPartition(tenantId, contactId).pk }, ConsistentRead: true }),
  );
  return Items;
}

describe('companies', () => {
  it('creates a company owned by the caller, normalised, with version 1, an ETag and a Location', async () => {
    // Act
    const response = await post('/v1/companies', aCompany());

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      ...aCompany({ domain: 'northwind.example', sourceChannel: 'referral', phone: '+442079460000' }),
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      ownerId: owner.userId,
      contactCount: 0,
      version: 1,
    });
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('location')).toBe(`/v1/companies/${response.body.id}`);
    const read = await get(`/v1/companies/${response.body.id}`);
    expect(read.body).toEqual(response.body);
    // A company's switchboard and address are business details, stored in clear.
    const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.company(owner.tenantId, response.body.id) }));
    expect(Item).toMatchObject({ phone: '+442079460000', address: '1 Market Street, London' });
  });

  it.each([
    ['no name', { name: undefined }, 'name', 'is required'],
    ['an empty name', { name: '  ' }, 'name', 'must not be empty'],
    ['a domain that is a URL', { domain: 'https://northwind.example/' }, 'domain', 'domain name'],
    ['a size outside the bands', { size: 'huge' }, 'size', 'must be one of 1-10'],
    ['an unknown lifecycle stage', { lifecycleStage: 'won' }, 'lifecycleStage', 'lead, prospect, customer, churned'],
    ['letters in the phone number', { phone: 'call us' }, 'phone', 'digits'],
    ['a phone number without its country code', { phone: '020 7946 0000' }, 'phone', 'must include the country code'],
    ['a channel with spaces', { sourceChannel: 'trade fair' }, 'sourceChannel', 'channel name'],
    ['a client-chosen contact count', { contactCount: 5 }, 'contactCount', 'not a known field'],
    ['a client-chosen owner', { ownerId: 'someone' }, 'ownerId', 'not a known field'],
  ])('refuses a company with %s, naming the field, and stores nothing', async (_case, override, field, message) => {
    // Prepare
    const tenant = await stack.api.newTenant();

    // Act
    const response = await post('/v1/companies', aCompany(override), tenant.token);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContainEqual({ field, message: expect.stringContaining(message) });
    expect((await get('/v1/companies', tenant.token)).body.items).toEqual([]);
  });

  it('updates some fields, clears others with null, bumps the version, and audits field names only', async () => {
    // Prepare
    const company = await newCompany();

    // Act
    const response = await stack.api.request('PATCH', `/v1/companies/${company.id}`, { token: owner.token, body: { region: 'APAC', phone: null, size: '201-500' } });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ region: 'APAC', size: '201-500', version: 2, name: 'Northwind Traders' });
    expect(response.body).not.toHaveProperty('phone');
    expect(response.headers.get('etag')).toBe('"2"');
    expect((await get(`/v1/companies/${company.id}`)).body).toEqual(response.body);
    const events = (await auditEvents()).filter((event) => event.target?.id === company.id);
    expect(events.map((event) => event.action)).toEqual(['company.created', 'company.updated']);
    expect(events[1]!.changedFields).toEqual(['phone', 'region', 'size']);
    expect(JSON.stringify(events)).not.toContain('APAC');
  });

  it('refuses a stale If-Match with 409 and overwrites nothing', async () => {
    // Prepare
    const company = await newCompany();
    await stack.api.request('PATCH', `/v1/companies/${company.id}`, { token: owner.token, body: { industry: 'First' }, headers: { 'if-match': '"1"' } });

    // Act
    const stale = await stack.api.request('PATCH', `/v1/companies/${company.id}`, { token: owner.token, body: { industry: 'Second' }, headers: { 'if-match': '"1"' } });
    const staleDelete = await stack.api.request('DELETE', `/v1/companies/${company.id}`, { token: owner.token, headers: { 'if-match': '"1"' } });

    // Assess
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { expectedVersion: 1, currentVersion: 2 } });
    expect(staleDelete.status).toBe(409);
    expect((await get(`/v1/companies/${company.id}`)).body).toMatchObject({ industry: 'First', version: 2 });
  });

  it('pages through every company exactly once, in creation order', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const created: string[] = [];
    for (let index = 0; index < 7; index++) created.push((await newCompany(tenant.token, { name: `Company ${index}` })).id);

    // Act
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await get(`/v1/companies?limit=3${cursor ? `&cursor=${cursor}` : ''}`, tenant.token);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);

    // Assess
    expect(seen).toEqual(created);
    expect(pages).toBe(3);
  });

  it.each([
    ['a limit of 0', '?limit=0', 'query.limit'],
    ['a cursor it did not issue', '?cursor=bm9wZQ', 'query.cursor'],
    ['an unknown parameter', '?sort=name', 'query.sort'],
  ])('refuses a list with %s, naming the parameter', async (_case, query, field) => {
    // Act
    const response = await get(`/v1/companies${query}`);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
  });

  it('shows a sales rep only the companies they own', async () => {
    // Prepare
    const ownersCompany = await newCompany(owner.token, { name: 'Not the rep’s' });
    const repsCompany = await newCompany(rep.token, { name: 'The rep’s' });

    // Act
    const listed = await get('/v1/companies?limit=100', rep.token);
    const other = await get(`/v1/companies/${ownersCompany.id}`, rep.token);
    const change = await stack.api.request('PATCH', `/v1/companies/${ownersCompany.id}`, { token: rep.token, body: { name: 'Taken over' } });

    // Assess
    expect(listed.body.items.map((company: { id: string }) => company.id)).toEqual([repsCompany.id]);
    expect(other.status).toBe(404);
    expect(change.status).toBe(404);
    expect((await get(`/v1/companies/${ownersCompany.id}`)).body.name).toBe('Not the rep’s');
    expect((await get('/v1/companies?limit=100')).body.items.map((company: { id: string }) => company.id)).toEqual(
      expect.arrayContaining([ownersCompany.id, repsCompany.id]),
    );
  });

  it('refuses to delete a company contacts belong to, naming how many, until they are moved', async () => {
    // Prepare
    const company = await newCompany();
    const elsewhere = await newCompany(owner.token, { name: 'Elsewhere' });
    const first = await newContact(owner.token, { firstName: 'First', companyId: company.id });
    const second = await newContact(owner.token, { firstName: 'Second', companyId: company.id });

    // Act
    const refused = await stack.api.request('DELETE', `/v1/companies/${company.id}`, { token: owner.token });
    await stack.api.request('PATCH', `/v1/contacts/${first.id}`, { token: owner.token, body: { companyId: null } });
    await stack.api.request('PATCH', `/v1/contacts/${second.id}`, { token: owner.token, body: { companyId: elsewhere.id } });
    const deleted = await stack.api.request('DELETE', `/v1/companies/${company.id}`, { token: owner.token });

    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'COMPANY_IN_USE', details: { companyId: company.id, contacts: 2 } });
    expect(deleted.status).toBe(204);
    expect((await get(`/v1/companies/${company.id}`)).status).toBe(404);
    expect((await get(`/v1/companies/${elsewhere.id}`)).body.contactCount).toBe(1);
    const actions = (await auditEvents()).filter((event) => event.target?.id === company.id).map((event) => event.action);
    expect(actions).toEqual(['company.created', 'company.deleted']);
  });

  it('links a contact only to a company of the workspace that the caller may see', async () => {
    // Prepare
    const other = await stack.api.newTenant();
    const theirs = await newCompany(other.token);
    const ownersCompany = await newCompany(owner.token);
    const before = (await get('/v1/contacts?limit=100')).body.items.length;

    // Act
    const foreign = await post('/v1/contacts', { firstName: 'Linked', companyId: theirs.id });
    const outOfScope = await post('/v1/contacts', { firstName: 'Linked', companyId: ownersCompany.id }, rep.token);
    const malformed = await post('/v1/contacts', { firstName: 'Linked', companyId: 'acme' });

    // Assess
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.fields).toContainEqual({ field: 'companyId', message: 'is not a company in this workspace' });
    expect(outOfScope.status).toBe(400);
    expect(malformed.body.error.details.fields).toContainEqual({ field: 'companyId', message: 'must be a company id' });
    expect((await get('/v1/contacts?limit=100')).body.items.length).toBe(before);
    expect((await get(`/v1/companies/${theirs.id}`, other.token)).body.contactCount).toBe(0);
  });
});

describe('transactions', () => {
  it('computes the amount on the server, exactly, in the currency’s minor units', async () => {
    // Prepare
    const contact = await newContact();

    // Act
    const response = await post(`/v1/contacts/${contact.id}/transactions`, anOrder({
      items: [{ product: 'Earl Grey, 1 kg', quantity: 3, unitPrice: 19.99 }, { product: 'Tea cup', quantity: 2, unitPrice: '0.1' }],
      currency: 'eur',
      reference: 'SO-1001',
    }));

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      contactId: contact.id,
      currency: 'EUR',
      amount: '60.17',
      amountMinor: 6017,
      items: [{ product: 'Earl Grey, 1 kg', quantity: 3, unitPrice: '19.99' }, { product: 'Tea cup', quantity: 2, unitPrice: '0.10' }],
      reference: 'SO-1001',
      createdBy: owner.userId,
    });
    const three = await post(`/v1/contacts/${contact.id}/transactions`, anOrder());
    expect(three.body).toMatchObject({ amount: '59.97', amountMinor: 5997 });
    expect(await storedRecord(contact.id, 'TXN', three.body.id)).toMatchObject({ amount: '59.97', amountMinor: 5997, entity: 'transaction' });
  });

  it.each([
    ['a quantity of 0', anOrder({ items: [{ product: 'Tea', quantity: 0, unitPrice: '1' }] }), 'items.0.quantity', 'at least 1'],
    ['a negative price', anOrder({ items: [{ product: 'Tea', quantity: 1, unitPrice: -1 }] }), 'items.0.unitPrice', ''],
    ['fractions of a cent', anOrder({ items: [{ product: 'Tea', quantity: 1, unitPrice: '0.001' }] }), 'items.0.unitPrice', 'more decimal places than EUR'],
    ['no product', anOrder({ items: [{ quantity: 1, unitPrice: '1' }] }), 'items.0.product', 'is required'],
    ['no items', anOrder({ items: [] }), 'items', 'at least one'],
    ['a currency that is not ISO 4217', anOrder({ currency: 'EURO' }), 'currency', 'ISO 4217'],
    ['an amount chosen by the client', anOrder({ amount: '0.01' }), 'amount', 'not a known field'],
    ['a time that is not ISO 8601', anOrder({ time: 'yesterday' }), 'time', 'ISO 8601'],
  ])('refuses an order with %s, naming the field, and writes nothing', async (_case, body, field, message) => {
    // Prepare
    const contact = await newContact();

    // Act
    const response = await post(`/v1/contacts/${contact.id}/transactions`, body);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContainEqual({ field, message: expect.stringContaining(message) });
    expect(await recordsIn(owner.tenantId, contact.id)).toHaveLength(1);
  });

  it('lists orders newest first by when they were placed, page by page', async () => {
    // Prepare
    const contact = await newContact();
    const times = ['2026-01-05T10:00:00Z', '2025-12-24T09:00:00Z', '2026-03-01T12:00:00Z', '2026-02-14T08:30:00Z', '2025-11-11T11:11:00Z'];
    for (const time of times) await post(`/v1/contacts/${contact.id}/transactions`, anOrder({ time }));

    // Act
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/v1/contacts/${contact.id}/transactions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { time: string }) => item.time));
      cursor = page.body.nextCursor;
    } while (cursor);

    // Assess
    expect(seen).toEqual([...times].sort().reverse().map((time) => new Date(time).toISOString()));
  });

  it('audits each order as added to its contact, naming fields only', async () => {
    // Prepare
    const contact = await newContact();

    // Act
    const { body: order } = await post(`/v1/contacts/${contact.id}/transactions`, anOrder({ reference: 'SO-7' }));

    // Assess
    const event = (await auditEvents()).find((candidate) => candidate.targetIds?.includes(order.id));
    expect(event).toMatchObject({ action: 'contact.transaction_added', target: { type: 'contact', id: contact.id }, changedFields: ['currency', 'items', 'reference'] });
    expect(JSON.stringify(event)).not.toContain('SO-7');
  });
});

describe('interactions', () => {
  it('keeps subject and body as ciphertext at rest and out of the audit trail', async () => {
    // Prepare
    const contact = await newContact();
    const secret = { subject: 'Renewal call with Jane', body: 'Jane mentioned her divorce; call back after 5pm' };

    // Act
    const response = await post(`/v1/contacts/${contact.id}/interactions`, { type: 'call', direction: 'outbound', durationSeconds: 420, ...secret });

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ type: 'call', direction: 'outbound', durationSeconds: 420, ...secret });
    const item = (await storedRecord(contact.id, 'INTERACTION', response.body.id))!;
    expect(item.subject).toMatch(/^enc:v1:\d+:[A-Za-z0-9_-]+$/);
    expect(item.body).toMatch(/^enc:v1:\d+:[A-Za-z0-9_-]+$/);
    const everything = JSON.stringify([item, ...(await auditEvents())]);
    for (const value of Object.values(secret)) expect(everything).not.toContain(value);
  });

  it('shows the timeline in clear with pii:read, auditing the read, and masked without it', async () => {
    // Prepare
    const contact = await newContact();
    const { body: note } = await post(`/v1/contacts/${contact.id}/interactions`, { type: 'note', body: 'Prefers email' });
    const { body: meeting } = await post(`/v1/contacts/${contact.id}/interactions`, { type: 'meeting', subject: 'Kick-off', occurredAt: '2025-01-01T09:00:00Z' });

    // Act
    const clear = await get(`/v1/contacts/${contact.id}/interactions`);
    const masked = await get(`/v1/contacts/${contact.id}/interactions`, marketer.token);

    // Assess
    expect(clear.body.items.map((item: { id: string }) => item.id)).toEqual([note.id, meeting.id]);
    expect(clear.body.items[0]).toMatchObject({ body: 'Prefers email' });
    expect(masked.body.items[0]).toMatchObject({ type: 'note', body: '***' });
    expect(masked.body.items[1]).toMatchObject({ subject: '***' });
    expect(JSON.stringify(masked.body)).not.toMatch(/Prefers|Kick-off|enc:v1/);
    const read = (await auditEvents()).filter((event) => event.action === 'contact.pii_read' && event.target?.id === contact.id);
    expect(read).toHaveLength(1);
    expect(read[0]!.targetIds).toEqual([note.id, meeting.id]);
  });

  it.each([
    ['an unknown type', { type: 'fax' }, 'type', 'call, email, meeting, chat, note'],
    ['no type', { body: 'x' }, 'type', 'is required'],
    ['a sideways direction', { type: 'call', direction: 'sideways' }, 'direction', 'inbound, outbound'],
    ['a negative duration', { type: 'call', durationSeconds: -1 }, 'durationSeconds', 'negative'],
    ['a time that is not ISO 8601', { type: 'call', occurredAt: '01/02/2026' }, 'occurredAt', 'ISO 8601'],
    ['an unknown field', { type: 'call', mood: 'happy' }, 'mood', 'not a known field'],
  ])('refuses an interaction with %s, naming the field, and writes nothing', async (_case, body, field, message) => {
    // Prepare
    const contact = await newContact();

    // Act
    const response = await post(`/v1/contacts/${contact.id}/interactions`, body);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContainEqual({ field, message: expect.stringContaining(message) });
    expect(await recordsIn(owner.tenantId, contact.id)).toHaveLength(1);
  });
});

describe('feedback', () => {
  it('records ratings, suggestions and complaints; complaints stay open for the service desk', async () => {
    // Prepare
    const contact = await newContact();

    // Act
    const csat = await post(`/v1/contacts/${contact.id}/feedback`, { kind: 'csat', score: 4, channel: 'Email' });
    const nps = await post(`/v1/contacts/${contact.id}/feedback`, { kind: 'nps', score: 0 });
    const complaint = await post(`/v1/contacts/${contact.id}/feedback`, { kind: 'complaint', comment: 'The parcel arrived broken' });

    // Assess
    expect(csat.status).toBe(201);
    expect(csat.body).toMatchObject({ kind: 'csat', score: 4, channel: 'email' });
    expect(csat.body).not.toHaveProperty('status');
    expect(nps.body).toMatchObject({ kind: 'nps', score: 0 });
    expect(complaint.body).toMatchObject({ kind: 'complaint', status: 'open', comment: 'The parcel arrived broken' });
    const item = (await storedRecord(contact.id, 'FEEDBACK', complaint.body.id))!;
    expect(item.comment).toMatch(/^enc:v1:/);
    const listed = await get(`/v1/contacts/${contact.id}/feedback`, marketer.token);
    expect(listed.body.items.map((entry: { kind: string }) => entry.kind)).toEqual(['complaint', 'nps', 'csat']);
    expect(listed.body.items[0].comment).toBe('***');
  });

  it.each([
    ['a CSAT without a score', { kind: 'csat' }, 'score', 'is required for csat'],
    ['a CSAT of 6', { kind: 'csat', score: 6 }, 'score', 'from 1 to 5'],
    ['an NPS of 11', { kind: 'nps', score: 11 }, 'score', 'from 0 to 10'],
    ['a suggestion with a score', { kind: 'suggestion', score: 3, comment: 'More tea' }, 'score', 'must not be given'],
    ['an unknown kind', { kind: 'praise' }, 'kind', 'csat, nps, suggestion, complaint'],
  ])('refuses %s, naming the field, and writes nothing', async (_case, body, field, message) => {
    // Prepare
    const contact = await newContact();

    // Act
    const response = await post(`/v1/contacts/${contact.id}/feedback`, body);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContainEqual({ field, message: expect.stringContaining(message) });
    expect(await recordsIn(owner.tenantId, contact.id)).toHaveLength(1);
  });
});

describe('records and who may see them', () => {
  const recordRoutes = [
    ['transactions', anOrder()],
    ['interactions', { type: 'note', body: 'x' }],
    ['feedback', { kind: 'suggestion' }],
  ] as const;

  it.each(recordRoutes)('%s of another tenant’s contact answer 404 and nothing is written', async (kind, body) => {
    // Prepare
    const other = await stack.api.newTenant();
    const theirs = await newContact(other.token);

    // Act
    const added = await post(`/v1/contacts/${theirs.id}/${kind}`, body);
    const listed = await get(`/v1/contacts/${theirs.id}/${kind}`);

    // Assess
    expect(added.status).toBe(404);
    expect(listed.status).toBe(404);
    expect(await recordsIn(other.tenantId, theirs.id)).toHaveLength(1);
    expect(await partition(owner.tenantId, theirs.id)).toEqual([]);
  });

  it.each(recordRoutes)('%s of a contact outside a sales rep’s scope answer 404; of their own contact, 201', async (kind, body) => {
    // Prepare
    const ownersContact = await newContact(owner.token);
    const repsContact = await newContact(rep.token, { firstName: 'Rep’s own' });

    // Act
    const outside = await post(`/v1/contacts/${ownersContact.id}/${kind}`, body, rep.token);
    const outsideList = await get(`/v1/contacts/${ownersContact.id}/${kind}`, rep.token);
    const own = await post(`/v1/contacts/${repsContact.id}/${kind}`, body, rep.token);

    // Assess
    expect(outside.status).toBe(404);
    expect(outsideList.status).toBe(404);
    expect(own.status).toBe(201);
    expect(await recordsIn(owner.tenantId, ownersContact.id)).toHaveLength(1);
  });

  it('answers 404 for the 360 view of a contact outside a rep’s scope', async () => {
    // Prepare
    const ownersContact = await newContact(owner.token);

    // Act
    const view = await get(`/v1/contacts/${ownersContact.id}/360`, rep.token);

    // Assess
    expect(view.status).toBe(404);
  });

  it('refuses records for a deleted contact', async () => {
    // Prepare
    const contact = await newContact();
    await stack.api.request('DELETE', `/v1/contacts/${contact.id}`, { token: owner.token });

    // Act
    const added = await post(`/v1/contacts/${contact.id}/interactions`, { type: 'note' });

    // Assess
    expect(added.status).toBe(404);
    expect(await partition(owner.tenantId, contact.id)).toEqual([]);
  });

  it('needs contacts:write to add a record', async () => {
    // Prepare
    const contact = await newContact();

    // Act
    const response = await post(`/v1/contacts/${contact.id}/feedback`, { kind: 'suggestion' }, marketer.token);

    // Assess
    expect(response.status).toBe(403);
    expect(response.body.error.details.permission).toBe('contacts:write');
  });
});

describe('the 360 view', () => {
  const today = () => new Date().toISOString().slice(0, 10);
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  /** Stands for event ingestion: a daily behaviour item as it writes them. */
  const seedBehaviour = (contactId: string, day: string, pageViews: number, clicks: number, dwellSeconds: number) =>
    stack.documents.send(
      new PutCommand({
        TableName: stack.tableName,
        Item: { ...keys.contactBehaviourDay(owner.tenantId, contactId, day), entity: 'behaviour-day', contactId, day, pageViews, clicks, dwellSeconds },
      }),
    );

  it('brings profile, company, orders, timeline, feedback and behaviour together', async () => {
    // Prepare
    const company = await newCompany(owner.token, { name: 'Contoso', domain: 'contoso.example', industry: 'Retail' });
    const contact = await newContact(owner.token, { firstName: 'Jane', email: 'jane@contoso.example', companyId: company.id });
    await post(`/v1/contacts/${contact.id}/transactions`, anOrder({ time: '2025-01-01T10:00:00Z' }));
    await post(`/v1/contacts/${contact.id}/transactions`, anOrder({ items: [{ product: 'Mug', quantity: 1, unitPrice: '0.04' }], time: '2025-02-01T10:00:00Z' }));
    const { body: usd } = await post(`/v1/contacts/${contact.id}/transactions`, anOrder({ currency: 'USD', items: [{ product: 'Tea', quantity: 2, unitPrice: '10' }] }));
    const { body: call } = await post(`/v1/contacts/${contact.id}/interactions`, { type: 'call', subject: 'Follow-up' });
    await post(`/v1/contacts/${contact.id}/interactions`, { type: 'email', direction: 'inbound', occurredAt: '2025-01-02T10:00:00Z' });
    await post(`/v1/contacts/${contact.id}/feedback`, { kind: 'csat', score: 5 });
    await post(`/v1/contacts/${contact.id}/feedback`, { kind: 'csat', score: 4 });
    await post(`/v1/contacts/${contact.id}/feedback`, { kind: 'nps', score: 6 });
    await post(`/v1/contacts/${contact.id}/feedback`, { kind: 'nps', score: 9 });
    await post(`/v1/contacts/${contact.id}/feedback`, { kind: 'complaint', comment: 'Late' });
    await seedBehaviour(contact.id, today(), 5, 2, 120);
    await seedBehaviour(contact.id, daysAgo(3), 1, 0, 15);
    await seedBehaviour(contact.id, daysAgo(45), 99, 99, 999);

    // Act
    const response = await get(`/v1/contacts/${contact.id}/360`);

    // Assess
    expect(response.status).toBe(200);
    const view = response.body;
    expect(view.profile).toMatchObject({ id: contact.id, firstName: 'Jane', email: 'jane@contoso.example', companyId: company.id });
    expect(view.company).toEqual({ companyId: company.id, name: 'Contoso', domain: 'contoso.example', industry: 'Retail' });
    expect(view.transactions.count).toBe(3);
    expect(view.transactions.latest[0].id).toBe(usd.id);
    expect(view.transactions.lifetimeAmount).toEqual([
      { currency: 'EUR', amount: '60.01', amountMinor: 6001 },
      { currency: 'USD', amount: '20.00', amountMinor: 2000 },
    ]);
    expect(view.timeline.count).toBe(2);
    expect(view.timeline.latest.map((item: { id: string }) => item.id)[0]).toBe(call.id);
    expect(view.timeline.latest[0].subject).toBe('Follow-up');
    expect(view.feedback).toMatchObject({ count: 5, averageCsat: 4.5, csatResponses: 2, latestNps: { score: 9 }, openComplaints: 1 });
    expect(view.feedback.latest[0]).toMatchObject({ kind: 'complaint', comment: 'Late', status: 'open' });
    expect(view.behaviour).toEqual({
      from: daysAgo(29),
      to: today(),
      days: [
        { day: daysAgo(3), pageViews: 1, clicks: 0, dwellSeconds: 15 },
        { day: today(), pageViews: 5, clicks: 2, dwellSeconds: 120 },
      ],
      totals: { pageViews: 6, clicks: 2, dwellSeconds: 135 },
    });
    const read = (await auditEvents()).filter((event) => event.action === 'contact.pii_read' && event.target?.id === contact.id).at(-1);
    expect(read?.targetIds).toEqual(expect.arrayContaining([contact.id, call.id]));
    expect(read?.details).toMatchObject({ contacts: 1, interactions: 1, feedback: 1 });
  });

  it('masks every personal field for a caller without pii:read, and audits no read in clear', async () => {
    // Prepare
    const contact = await newContact(owner.token, { firstName: 'Masked', email: 'masked@example.com', phone: '+1 206 555 0142' });
    await post(`/v1/contacts/${contact.id}/interactions`, { type: 'chat', subject: 'Sizes', body: 'Asked about XL' });
    await post(`/v1/contacts/${contact.id}/feedback`, { kind: 'suggestion', comment: 'Open on Sundays' });
    const before = (await auditEvents()).filter((event) => event.action === 'contact.pii_read').length;

    // Act
    const view = (await get(`/v1/contacts/${contact.id}/360`, marketer.token)).body;

    // Assess
    expect(view.profile).toMatchObject({ firstName: 'Masked', email: 'm***@example.com', phone: '***42' });
    expect(view.timeline.latest[0]).toMatchObject({ subject: '***', body: '***' });
    expect(view.feedback.latest[0]).toMatchObject({ comment: '***' });
    expect(JSON.stringify(view)).not.toMatch(/Sizes|XL|Sundays|enc:v1/);
    expect((await auditEvents()).filter((event) => event.action === 'contact.pii_read')).toHaveLength(before);
  });

  it('follows the contact’s company: a new one replaces the snapshot, clearing it removes it', async () => {
    // Prepare
    const first = await newCompany(owner.token, { name: 'First Co' });
    const second = await newCompany(owner.token, { name: 'Second Co' });
    const contact = await newContact(owner.token, { firstName: 'Mover', companyId: first.id });

    // Act
    await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token: owner.token, body: { companyId: second.id } });
    const moved = (await get(`/v1/contacts/${contact.id}/360`)).body;
    await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token: owner.token, body: { companyId: null } });
    const cleared = (await get(`/v1/contacts/${contact.id}/360`)).body;

    // Assess
    expect(moved.company).toMatchObject({ companyId: second.id, name: 'Second Co' });
    expect(cleared.company).toBeNull();
    expect(cleared.profile).not.toHaveProperty('companyId');
    expect((await recordsIn(owner.tenantId, contact.id)).map((item) => item.sk)).toEqual(['PROFILE']);
    expect([(await get(`/v1/companies/${first.id}`)).body.contactCount, (await get(`/v1/companies/${second.id}`)).body.contactCount]).toEqual([0, 0]);
  });

  it('follows a change to the company itself: renamed, its domain cleared, in every linked contact', async () => {
    // Prepare
    const company = await newCompany(owner.token, { name: 'Old Name', domain: 'old.example', industry: 'Retail' });
    const linked = [await newContact(owner.token, { firstName: 'One', companyId: company.id }), await newContact(owner.token, { firstName: 'Two', companyId: company.id })];
    const elsewhere = await newContact(owner.token, { firstName: 'Three', companyId: (await newCompany(owner.token, { name: 'Other' })).id });

    // Act
    const renamed = await stack.api.request('PATCH', `/v1/companies/${company.id}`, { token: owner.token, body: { name: 'New Name', domain: null } });

    // Assess
    expect(renamed.status).toBe(200);
    for (const contact of linked) {
      expect((await get(`/v1/contacts/${contact.id}/360`)).body.company).toEqual({ companyId: company.id, name: 'New Name', industry: 'Retail' });
    }
    expect((await get(`/v1/contacts/${elsewhere.id}/360`)).body.company.name).toBe('Other');
  });

  it('answers 404 for a contact that does not exist', async () => {
    // Act
    const view = await get('/v1/contacts/01ARZ3NDEKTSV4RRFFQ69G5FAV/360');

    // Assess
    expect(view.status).toBe(404);
  });
});

describe('deleting a contact', () => {
  it('deletes its orders, timeline, feedback, behaviour and company link with it', async () => {
    // Prepare
    const company = await newCompany();
    const contact = await newContact(owner.token, { firstName: 'Leaving', companyId: company.id });
    await post(`/v1/contacts/${contact.id}/transactions`, anOrder());
    await post(`/v1/contacts/${contact.id}/interactions`, { type: 'note', body: 'Bye' });
    await post(`/v1/contacts/${contact.id}/feedback`, { kind: 'complaint', comment: 'Leaving' });
    await stack.documents.send(
      new PutCommand({
        TableName: stack.tableName,
        Item: { ...keys.contactBehaviourDay(owner.tenantId, contact.id, '2026-01-01'), entity: 'behaviour-day', contactId: contact.id, day: '2026-01-01', pageViews: 1, clicks: 0, dwellSeconds: 0 },
      }),
    );
    // The profile, its name lookup, the company snapshot, four records and the complaint's ticket snapshot.
    expect(await partition(owner.tenantId, contact.id)).toHaveLength(8);

    // Act
    const deleted = await stack.api.request('DELETE', `/v1/contacts/${contact.id}`, { token: owner.token });

    // Assess
    expect(deleted.status).toBe(204);
    expect(await partition(owner.tenantId, contact.id)).toEqual([]);
    expect((await get(`/v1/companies/${company.id}`)).body.contactCount).toBe(0);
    expect((await stack.api.request('DELETE', `/v1/companies/${company.id}`, { token: owner.token })).status).toBe(204);
    expect((await get(`/v1/contacts/${contact.id}/transactions`)).status).toBe(404);
  });
});

describe('offboarding a workspace', () => {
  it('erases its companies and every contact partition with its records', async () => {
    // Prepare
    const tenant = await stack.api.newTenant({ companyName: 'Closing Traders' });
    const company = await newCompany(tenant.token);
    const contact = await newContact(tenant.token, { firstName: 'Gone', companyId: company.id });
    await post(`/v1/contacts/${contact.id}/transactions`, anOrder(), tenant.token);
    await post(`/v1/contacts/${contact.id}/interactions`, { type: 'note', body: 'Gone too' }, tenant.token);

    // Act
    const receipt = await stack.api.request('DELETE', '/v1/tenant', { token: tenant.token, body: { confirm: 'Closing Traders' } });

    // Assess
    expect(receipt.status).toBe(200);
    const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.company(tenant.tenantId, company.id) }));
    expect(Item).toBeUndefined();
    expect(await partition(tenant.tenantId, contact.id)).toEqual([]);
  });
});
