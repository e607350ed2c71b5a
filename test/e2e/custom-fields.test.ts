import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { MAX_FIELD_DEFINITIONS } from '@rapport/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/**
 * Custom fields over HTTP against the local stack: the definitions (`/v1/fields`), and their
 * values on contacts, companies and the 360 view, sensitive ones encrypted at rest.
 */
const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
/** contacts:read and read_all, no pii:read, no settings:manage. */
let marketer: { token: string };
/** contacts:read and write, pii:read, no settings:manage. */
let rep: { token: string };

beforeAll(async () => {
  owner = await stack.api.newTenant();
  marketer = await joinAs(stack.api, owner.token, stack.mailDir, 'marketer', inviteTokenFor);
  rep = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);
});

type Token = string;
const request = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, token: Token = owner.token, headers?: Record<string, string>) =>
  stack.api.request(method, path, { token, ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) });
const aField = (overrides: Record<string, unknown> = {}) => ({ entity: 'contact', key: 'loyalty_tier', label: 'Loyalty tier', type: 'select', options: ['bronze', 'silver', 'gold'], ...overrides });
const auditEvents = (tenantId = owner.tenantId) => auditEventsInTable(stack.documents, stack.tableName, tenantId);
const storedItem = async (key: { pk: string; sk: string }) => (await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: key }))).Item!;

/** A tenant with one field of every type on contacts, two of them sensitive, and one on companies. */
async function tenantWithFields() {
  const tenant = await stack.api.newTenant();
  const define = async (body: Record<string, unknown>) => {
    const response = await request('POST', '/v1/fields', body, tenant.token);
    expect(response.status).toBe(201);
    return response.body as { id: string; key: string };
  };
  const fields = {
    tier: await define(aField()),
    employees: await define({ entity: 'contact', key: 'employees', label: 'Employees', type: 'number' }),
    renewal: await define({ entity: 'contact', key: 'renewal', label: 'Renewal', type: 'date' }),
    newsletter: await define({ entity: 'contact', key: 'newsletter', label: 'Newsletter', type: 'boolean' }),
    passport: await define({ entity: 'contact', key: 'passport_no', label: 'Passport number', type: 'text', sensitive: true }),
    dateOfVisit: await define({ entity: 'contact', key: 'visited_clinic', label: 'Clinic visit', type: 'date', sensitive: true }),
    vat: await define({ entity: 'company', key: 'vat_number', label: 'VAT number', type: 'text', sensitive: true }),
  };
  return { tenant, fields };
}

describe('field definitions', () => {
  it('defines a field with defaults, an ETag and a Location, and audits it', async () => {
    // Act
    const response = await request('POST', '/v1/fields', aField());

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      ...aField(),
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      required: false,
      sensitive: false,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('location')).toBe(`/v1/fields/${response.body.id}`);
    expect((await request('GET', `/v1/fields/${response.body.id}`, undefined, marketer.token)).body).toEqual(response.body);
    const events = (await auditEvents()).filter((event) => event.target?.id === response.body.id);
    expect(events.map((event) => event.action)).toEqual(['field.created']);
  });

  it.each([
    ['a key that is not a machine name', { key: 'Loyalty Tier' }, 'key', 'machine name'],
    ['no key', { key: undefined }, 'key', 'is required'],
    ['an unknown entity', { entity: 'deal' }, 'entity', 'must be one of contact, company'],
    ['an unknown type', { type: 'currency' }, 'type', 'must be one of text, number, date, select, boolean'],
    ['a select without options', { options: undefined }, 'options', 'is required for a select field'],
    ['options on a text field', { type: 'text' }, 'options', 'is only for select fields'],
    ['a repeated option', { options: ['gold', 'gold'] }, 'options', 'must not repeat'],
    ['an empty label', { label: ' ' }, 'label', 'must not be empty'],
    ['an unknown attribute', { colour: 'red' }, 'colour', 'not a known field'],
  ])('refuses a definition with %s, naming the field, and stores nothing', async (_case, override, field, message) => {
    // Prepare
    const tenant = await stack.api.newTenant();

    // Act
    const response = await request('POST', '/v1/fields', aField(override), tenant.token);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContainEqual({ field, message: expect.stringContaining(message) });
    expect((await request('GET', '/v1/fields', undefined, tenant.token)).body.items).toEqual([]);
  });

  it('keeps keys unique per entity: a second loyalty_tier on contacts is 409, on companies it is fine, and a deleted key is free again', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const first = await request('POST', '/v1/fields', aField(), tenant.token);

    // Act
    const duplicate = await request('POST', '/v1/fields', aField({ label: 'Another', type: 'text', options: undefined }), tenant.token);
    const onCompanies = await request('POST', '/v1/fields', aField({ entity: 'company' }), tenant.token);
    await request('DELETE', `/v1/fields/${first.body.id}`, undefined, tenant.token);
    const again = await request('POST', '/v1/fields', aField({ type: 'number', options: undefined }), tenant.token);

    // Assess
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'FIELD_KEY_TAKEN', details: { field: 'key', entity: 'contact', key: 'loyalty_tier' } });
    expect(onCompanies.status).toBe(201);
    expect(again.status).toBe(201);
    const listed = (await request('GET', '/v1/fields', undefined, tenant.token)).body.items;
    expect(listed.map((field: { entity: string; type: string }) => `${field.entity}:${field.type}`)).toEqual(['company:select', 'contact:number']);
  });

  it('changes label, options and required; refuses a new type or sensitivity with 409 and a key with 400', async () => {
    // Prepare
    const field = (await request('POST', '/v1/fields', aField({ key: 'segment' }))).body;

    // Act
    const changed = await request('PATCH', `/v1/fields/${field.id}`, { label: 'Segment', options: ['a', 'b'], required: true, type: 'select' });
    const retyped = await request('PATCH', `/v1/fields/${field.id}`, { type: 'text' });
    const unsealed = await request('PATCH', `/v1/fields/${field.id}`, { sensitive: true });
    const rekeyed = await request('PATCH', `/v1/fields/${field.id}`, { key: 'other' });
    const stale = await request('PATCH', `/v1/fields/${field.id}`, { label: 'Stale' }, owner.token, { 'if-match': '"1"' });

    // Assess
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ key: 'segment', label: 'Segment', options: ['a', 'b'], required: true, type: 'select', version: 2 });
    expect(retyped.status).toBe(409);
    expect(retyped.body.error).toMatchObject({ code: 'FIELD_LOCKED', details: { field: 'type' } });
    expect(unsealed.status).toBe(409);
    expect(unsealed.body.error).toMatchObject({ code: 'FIELD_LOCKED', details: { field: 'sensitive' } });
    expect(rekeyed.status).toBe(400);
    expect(rekeyed.body.error.details.fields).toContainEqual({ field: 'key', message: 'is not a known field' });
    expect(stale.status).toBe(409);
    expect((await request('GET', `/v1/fields/${field.id}`)).body).toMatchObject({ label: 'Segment', type: 'select', sensitive: false, version: 2 });
    const updated = (await auditEvents()).filter((event) => event.target?.id === field.id && event.action === 'field.updated');
    expect(updated.map((event) => event.changedFields)).toEqual([['label', 'options', 'required']]);
  });

  it('pages through every definition exactly once, in creation order', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const created: string[] = [];
    for (let index = 0; index < 7; index++) {
      created.push((await request('POST', '/v1/fields', { entity: index % 2 ? 'company' : 'contact', key: `field_${index}`, label: `Field ${index}`, type: 'text' }, tenant.token)).body.id);
    }

    // Act
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await request('GET', `/v1/fields?limit=3${cursor ? `&cursor=${cursor}` : ''}`, undefined, tenant.token);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);

    // Assess
    expect(seen).toEqual(created);
    expect(pages).toBe(3);
    expect((await request('GET', '/v1/fields?limit=0', undefined, tenant.token)).status).toBe(400);
  });

  it('lets anyone with contacts:read see definitions but only settings:manage change them', async () => {
    // Prepare
    const field = (await request('POST', '/v1/fields', aField({ key: 'managed_only' }))).body;

    // Act
    const read = await request('GET', `/v1/fields/${field.id}`, undefined, rep.token);
    const listed = await request('GET', '/v1/fields?limit=100', undefined, marketer.token);
    const refused = await Promise.all([
      request('POST', '/v1/fields', aField({ key: 'by_rep' }), rep.token),
      request('PATCH', `/v1/fields/${field.id}`, { label: 'By rep' }, rep.token),
      request('DELETE', `/v1/fields/${field.id}`, undefined, marketer.token),
    ]);

    // Assess
    expect(read.status).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(field.id);
    expect(refused.map((response) => [response.status, response.body.error.details.permission])).toEqual([
      [403, 'settings:manage'],
      [403, 'settings:manage'],
      [403, 'settings:manage'],
    ]);
    expect((await request('GET', `/v1/fields/${field.id}`)).body).toMatchObject({ label: 'Loyalty tier', version: 1 });
  });

  it('answers another tenant’s field ids with 404 and changes nothing', async () => {
    // Prepare
    const field = (await request('POST', '/v1/fields', aField({ key: 'not_yours' }))).body;
    const other = await stack.api.newTenant();

    // Act
    const responses = await Promise.all([
      request('GET', `/v1/fields/${field.id}`, undefined, other.token),
      request('PATCH', `/v1/fields/${field.id}`, { label: 'Mine now' }, other.token),
      request('DELETE', `/v1/fields/${field.id}`, undefined, other.token),
    ]);

    // Assess
    expect(responses.map((response) => response.status)).toEqual([404, 404, 404]);
    expect((await request('GET', `/v1/fields/${field.id}`)).body).toMatchObject({ label: 'Loyalty tier', version: 1 });
  });

  it(`refuses more than ${MAX_FIELD_DEFINITIONS} definitions in a workspace with 409`, async () => {
    // Prepare: the counter as a workspace with the maximum would have it.
    const tenant = await stack.api.newTenant();
    await request('POST', '/v1/fields', aField(), tenant.token);
    await stack.documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...keys.fieldCounter(tenant.tenantId), definitions: MAX_FIELD_DEFINITIONS } }));

    // Act
    const response = await request('POST', '/v1/fields', aField({ key: 'one_too_many' }), tenant.token);

    // Assess
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('FIELD_LIMIT_REACHED');
    expect((await request('GET', '/v1/fields', undefined, tenant.token)).body.items).toHaveLength(1);
  });
});

describe('custom values on contacts', () => {
  it('stores each type, encrypts sensitive values at rest (bound to the field) and audits keys, never values', async () => {
    // Prepare
    const { tenant, fields } = await tenantWithFields();
    const values = { loyalty_tier: 'gold', employees: 250, renewal: '2027-03-01', newsletter: true, passport_no: 'X1234567', visited_clinic: '2026-10-02' };

    // Act
    const created = await request('POST', '/v1/contacts', { firstName: 'Pat', customFields: values }, tenant.token);

    // Assess
    expect(created.status).toBe(201);
    expect(created.body.customFields).toEqual(values);
    expect((await request('GET', `/v1/contacts/${created.body.id}`, undefined, tenant.token)).body.customFields).toEqual(values);
    const item = await storedItem(keys.contact(tenant.tenantId, created.body.id));
    expect(item.customFields).toMatchObject({ [fields.tier.id]: 'gold', [fields.employees.id]: 250, [fields.newsletter.id]: true, [fields.renewal.id]: '2027-03-01' });
    expect(item.customFields[fields.passport.id]).toEqual(expect.any(String));
    expect(item.customFields[fields.passport.id]).not.toContain('X1234567');
    expect(item.customFields[fields.dateOfVisit.id]).not.toContain('2026-10-02');
    expect(JSON.stringify(item)).not.toContain('X1234567');
    const events = (await auditEvents(tenant.tenantId)).filter((event) => event.target?.id === created.body.id);
    expect(events[0]!.changedFields).toEqual(expect.arrayContaining(['customFields.loyalty_tier', 'customFields.passport_no', 'firstName']));
    expect(JSON.stringify(events)).not.toMatch(/X1234567|gold|2027-03-01/);
  });

  it('fails to decrypt a sensitive value moved to another field', async () => {
    // Prepare: a ciphertext is bound to `customFields.<key>`, so swapping it into another sensitive field breaks it.
    const { tenant, fields } = await tenantWithFields();
    const created = (await request('POST', '/v1/contacts', { firstName: 'Pat', customFields: { passport_no: 'X1234567', visited_clinic: '2026-10-02' } }, tenant.token)).body;
    const item = await storedItem(keys.contact(tenant.tenantId, created.id));
    const swapped = { ...item.customFields, [fields.dateOfVisit.id]: item.customFields[fields.passport.id] };
    await stack.documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...item, customFields: swapped } }));

    // Act
    const response = await request('GET', `/v1/contacts/${created.id}`, undefined, tenant.token);

    // Assess
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('X1234567');
  });

  it.each([
    ['an unknown key', { nope: 'x' }, 'customFields.nope', 'is not a custom field of contacts'],
    ['a key of a company field', { vat_number: 'GB1' }, 'customFields.vat_number', 'is not a custom field of contacts'],
    ['text for a number', { employees: 'many' }, 'customFields.employees', 'must be a number'],
    ['a number for text', { passport_no: 42 }, 'customFields.passport_no', 'must be text'],
    ['an option that is not offered', { loyalty_tier: 'platinum' }, 'customFields.loyalty_tier', 'must be one of bronze, silver, gold'],
    ['a date that is not one', { renewal: '2027-02-30' }, 'customFields.renewal', 'YYYY-MM-DD'],
    ['a string for a boolean', { newsletter: 'yes' }, 'customFields.newsletter', 'must be true or false'],
    ['a key that is not a machine name', { 'Bad Key': 1 }, 'customFields.Bad Key', 'is not a custom field key'],
    ['an object as a value', { loyalty_tier: { level: 1 } }, 'customFields.loyalty_tier', 'must be a string, number, boolean or null'],
  ])('refuses a contact with %s, naming customFields.<key>, and stores nothing', async (_case, customFields, field, message) => {
    // Prepare
    const { tenant } = await tenantWithFields();

    // Act
    const response = await request('POST', '/v1/contacts', { firstName: 'Pat', customFields }, tenant.token);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContainEqual({ field, message: expect.stringContaining(message) });
    expect((await request('GET', '/v1/contacts', undefined, tenant.token)).body.items).toEqual([]);
  });

  it('requires a required field on create, and refuses to clear it, writing nothing', async () => {
    // Prepare
    const { tenant, fields } = await tenantWithFields();
    await request('PATCH', `/v1/fields/${fields.tier.id}`, { required: true }, tenant.token);
    const existing = (await request('POST', '/v1/contacts', { firstName: 'Kim', customFields: { loyalty_tier: 'silver' } }, tenant.token)).body;

    // Act
    const missing = await request('POST', '/v1/contacts', { firstName: 'Pat', customFields: { employees: 3 } }, tenant.token);
    const cleared = await request('PATCH', `/v1/contacts/${existing.id}`, { customFields: { loyalty_tier: null } }, tenant.token);

    // Assess
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields).toEqual([{ field: 'customFields.loyalty_tier', message: 'is required' }]);
    expect(cleared.status).toBe(400);
    expect(cleared.body.error.details.fields).toEqual([{ field: 'customFields.loyalty_tier', message: 'is required and cannot be cleared' }]);
    expect((await request('GET', '/v1/contacts', undefined, tenant.token)).body.items.map((contact: { id: string }) => contact.id)).toEqual([existing.id]);
    expect((await request('GET', `/v1/contacts/${existing.id}`, undefined, tenant.token)).body).toMatchObject({ version: 1, customFields: { loyalty_tier: 'silver' } });
  });

  it('merges a PATCH key by key: sets some, clears others with null, keeps the rest, and audits only the changed keys', async () => {
    // Prepare
    const { tenant } = await tenantWithFields();
    const contact = (await request('POST', '/v1/contacts', { firstName: 'Pat', customFields: { loyalty_tier: 'gold', employees: 10, passport_no: 'X1' } }, tenant.token)).body;

    // Act
    const response = await request('PATCH', `/v1/contacts/${contact.id}`, { customFields: { employees: 11, passport_no: null, loyalty_tier: 'gold', newsletter: false } }, tenant.token);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.customFields).toEqual({ loyalty_tier: 'gold', employees: 11, newsletter: false });
    expect((await request('GET', `/v1/contacts/${contact.id}`, undefined, tenant.token)).body.customFields).toEqual(response.body.customFields);
    const updated = (await auditEvents(tenant.tenantId)).find((event) => event.target?.id === contact.id && event.action === 'contact.updated')!;
    expect(updated.changedFields).toEqual(['customFields.employees', 'customFields.newsletter', 'customFields.passport_no']);
  });

  it('masks sensitive values without pii:read (not auditing a read in clear), and audits a read in clear', async () => {
    // Prepare: a contact whose only personal data is a sensitive custom value.
    const tenant = await stack.api.newTenant();
    const viewer = await joinAs(stack.api, tenant.token, stack.mailDir, 'marketer', inviteTokenFor);
    const contact = (await request('POST', '/v1/fields', { entity: 'contact', key: 'health_note', label: 'Health', type: 'text', sensitive: true }, tenant.token)).body;
    await request('POST', '/v1/fields', { entity: 'contact', key: 'first_visit', label: 'First visit', type: 'date', sensitive: true }, tenant.token);
    await request('POST', '/v1/fields', { entity: 'contact', key: 'shoe_size', label: 'Shoe size', type: 'number' }, tenant.token);
    const created = (await request('POST', '/v1/contacts', { firstName: 'Lee', customFields: { health_note: 'Asthma', first_visit: '2025-01-31', shoe_size: 42 } }, tenant.token)).body;
    const reads = async () => (await auditEvents(tenant.tenantId)).filter((event) => event.action === 'contact.pii_read' && event.targetIds?.includes(created.id));
    const before = (await reads()).length;

    // Act
    const masked = await request('GET', `/v1/contacts/${created.id}`, undefined, viewer.token);
    const maskedList = await request('GET', '/v1/contacts?limit=100', undefined, viewer.token);
    const afterMasked = (await reads()).length;
    const clear = await request('GET', `/v1/contacts/${created.id}`, undefined, tenant.token);

    // Assess
    expect(contact.sensitive).toBe(true);
    expect(masked.body.customFields).toEqual({ health_note: '***', first_visit: '****-**-**', shoe_size: 42 });
    expect(maskedList.body.items.find((item: { id: string }) => item.id === created.id).customFields).toEqual(masked.body.customFields);
    expect(afterMasked).toBe(before);
    expect(clear.body.customFields).toEqual({ health_note: 'Asthma', first_visit: '2025-01-31', shoe_size: 42 });
    expect((await reads()).length).toBe(before + 1);
    expect(JSON.stringify(await auditEvents(tenant.tenantId))).not.toContain('Asthma');
  });

  it('stops showing a deleted field’s values and drops them on the next write', async () => {
    // Prepare
    const { tenant, fields } = await tenantWithFields();
    const contact = (await request('POST', '/v1/contacts', { firstName: 'Pat', customFields: { loyalty_tier: 'gold', employees: 5 } }, tenant.token)).body;

    // Act
    const deleted = await request('DELETE', `/v1/fields/${fields.tier.id}`, undefined, tenant.token);
    const shown = await request('GET', `/v1/contacts/${contact.id}`, undefined, tenant.token);
    const storedBefore = (await storedItem(keys.contact(tenant.tenantId, contact.id))).customFields;
    const recreated = (await request('POST', '/v1/fields', aField({ type: 'text', options: undefined }), tenant.token)).body;
    const afterRecreate = await request('GET', `/v1/contacts/${contact.id}`, undefined, tenant.token);
    const refused = await request('PATCH', `/v1/contacts/${contact.id}`, { customFields: { unknown_now: 1 } }, tenant.token);
    await request('PATCH', `/v1/contacts/${contact.id}`, { title: 'CTO' }, tenant.token);

    // Assess
    expect(deleted.status).toBe(204);
    expect((await request('GET', `/v1/fields/${fields.tier.id}`, undefined, tenant.token)).status).toBe(404);
    expect(shown.body.customFields).toEqual({ employees: 5 });
    expect(storedBefore[fields.tier.id]).toBe('gold');
    // The new loyalty_tier is another field: the old one's value never shows under it.
    expect(afterRecreate.body.customFields).toEqual({ employees: 5 });
    expect(recreated.id).not.toBe(fields.tier.id);
    expect(refused.status).toBe(400);
    expect((await storedItem(keys.contact(tenant.tenantId, contact.id))).customFields).toEqual({ [fields.employees.id]: 5 });
    expect((await auditEvents(tenant.tenantId)).filter((event) => event.action === 'field.deleted').map((event) => event.details)).toEqual([
      { entity: 'contact', key: 'loyalty_tier' },
    ]);
  });
});

describe('custom values on companies and in the 360 view', () => {
  it('encrypts a company’s sensitive value, masks it without pii:read and audits a read in clear as company.pii_read', async () => {
    // Prepare
    const { tenant, fields } = await tenantWithFields();
    const viewer = await joinAs(stack.api, tenant.token, stack.mailDir, 'marketer', inviteTokenFor);

    // Act
    const created = await request('POST', '/v1/companies', { name: 'Contoso', customFields: { vat_number: 'GB123456789' } }, tenant.token);
    const refused = await request('POST', '/v1/companies', { name: 'Contoso', customFields: { loyalty_tier: 'gold' } }, tenant.token);
    const sealed = (await storedItem(keys.company(tenant.tenantId, created.body.id))).customFields[fields.vat.id];
    const masked = await request('GET', `/v1/companies/${created.body.id}`, undefined, viewer.token);
    const clear = await request('GET', '/v1/companies', undefined, tenant.token);
    const patched = await request('PATCH', `/v1/companies/${created.body.id}`, { customFields: { vat_number: null } }, tenant.token);

    // Assess
    expect(created.status).toBe(201);
    expect(created.body.customFields).toEqual({ vat_number: 'GB123456789' });
    expect(sealed).toEqual(expect.any(String));
    expect(sealed).not.toContain('GB123456789');
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toContainEqual({ field: 'customFields.loyalty_tier', message: expect.stringContaining('not a custom field of companies') });
    expect(masked.body.customFields).toEqual({ vat_number: '***' });
    expect(clear.body.items[0].customFields).toEqual({ vat_number: 'GB123456789' });
    expect(patched.body).not.toHaveProperty('customFields');
    expect(await storedItem(keys.company(tenant.tenantId, created.body.id))).not.toHaveProperty('customFields');
    const events = await auditEvents(tenant.tenantId);
    expect(events.filter((event) => event.action === 'company.pii_read').map((event) => event.targetIds)).toEqual([[created.body.id]]);
    expect(events.find((event) => event.action === 'company.updated')!.changedFields).toEqual(['customFields.vat_number']);
    expect(JSON.stringify(events)).not.toContain('GB123456789');
  });

  it('shows the profile’s custom fields in the 360 view as the caller may see them', async () => {
    // Prepare
    const { tenant } = await tenantWithFields();
    const viewer = await joinAs(stack.api, tenant.token, stack.mailDir, 'marketer', inviteTokenFor);
    const contact = (await request('POST', '/v1/contacts', { firstName: 'Pat', customFields: { loyalty_tier: 'gold', passport_no: 'X1234567' } }, tenant.token)).body;

    // Act
    const clear = await request('GET', `/v1/contacts/${contact.id}/360`, undefined, tenant.token);
    const masked = await request('GET', `/v1/contacts/${contact.id}/360`, undefined, viewer.token);

    // Assess
    expect(clear.body.profile.customFields).toEqual({ loyalty_tier: 'gold', passport_no: 'X1234567' });
    expect(masked.body.profile.customFields).toEqual({ loyalty_tier: 'gold', passport_no: '***' });
    const read = (await auditEvents(tenant.tenantId)).filter((event) => event.action === 'contact.pii_read');
    expect(read.map((event) => event.targetIds)).toEqual([[contact.id]]);
  });
});

describe('offboarding', () => {
  it('erases the field definitions, their key claims and counter with the workspace', async () => {
    // Prepare
    const { tenant } = await tenantWithFields();
    const partition = async () =>
      (await stack.documents.send(
        new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.fieldPartition(tenant.tenantId).pk } }),
      )).Items ?? [];
    const before = await partition();

    // Act
    const receipt = await request('DELETE', '/v1/tenant', { confirm: tenant.companyName }, tenant.token);

    // Assess
    expect(before).toHaveLength(7 * 2 + 1);
    expect(receipt.status).toBe(200);
    expect(await partition()).toEqual([]);
  });
});
