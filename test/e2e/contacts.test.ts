import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/test-stack';

const stack = useTestApi();
let token: string;
let userId: string;

beforeAll(async () => {
  ({ token, userId } = await stack.api.newTenant());
});

const aContact = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Margaret',
  lastName: 'Peacock',
  email: 'margaret.peacock@example.com',
  phone: '+1 (206) 555-8122',
  company: 'Northwind',
  title: 'Sales Representative',
  tags: ['vip'],
  ...overrides,
});

describe('contacts', () => {
  it('creates a contact owned by the caller, with version 1, an ETag and a Location', async () => {
    const response = await stack.api.request('POST', '/v1/contacts', { token, body: aContact({ email: ' Margaret.Peacock@EXAMPLE.com ' }) });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      ...aContact({ phone: '+12065558122' }),
      completeness: 85,
      duplicates: [],
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      ownerId: userId,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('location')).toBe(`/v1/contacts/${response.body.id}`);
    const read = await stack.api.request('GET', `/v1/contacts/${response.body.id}`, { token });
    expect(read.status).toBe(200);
    const { duplicates: _duplicates, ...createdContact } = response.body;
    expect(read.body).toEqual(createdContact);
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it.each([
    ['no first name', { firstName: undefined }, 'firstName', 'is required'],
    ['a bad email', { email: 'margaret' }, 'email', 'valid email'],
    ['letters in the phone number', { phone: 'call me' }, 'phone', 'digits'],
    ['a phone number without its country code', { phone: '020 7946 0958' }, 'phone', 'must include the country code'],
    ['a phone number that cannot exist', { phone: '+44 12' }, 'phone', 'not a valid phone number'],
    ['a tag that is not a string', { tags: ['ok', 7] }, 'tags.1', ''],
    ['an unknown field', { favouriteColour: 'blue' }, 'favouriteColour', 'not a known field'],
    ['a client-chosen owner', { ownerId: 'someone' }, 'ownerId', 'not a known field'],
  ])('refuses a contact with %s, naming the field, and stores nothing', async (_case, override, field, message) => {
    const before = await stack.api.request('GET', '/v1/contacts?limit=100', { token });

    const response = await stack.api.request('POST', '/v1/contacts', { token, body: aContact(override) });

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContainEqual({ field, message: expect.stringContaining(message) });
    const after = await stack.api.request('GET', '/v1/contacts?limit=100', { token });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('answers a contact with two problems its reads find by the same one each time, and stores nothing', async () => {
    // The custom values and the company are checked by reads made at once; whichever ends first,
    // the answer names the custom field, as when they were checked in turn.
    const before = await stack.api.request('GET', '/v1/contacts?limit=100', { token });
    const body = aContact({ companyId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', customFields: { shoe_size: 38 } });

    const responses = await Promise.all(Array.from({ length: 5 }, () => stack.api.request('POST', '/v1/contacts', { token, body })));

    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(response.body.error.details.fields).toEqual([{ field: 'customFields.shoe_size', message: expect.stringContaining('is not a custom field') }]);
    }
    const after = await stack.api.request('GET', '/v1/contacts?limit=100', { token });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('updates some fields, clears others with null, and bumps the version', async () => {
    const { body: contact } = await stack.api.request('POST', '/v1/contacts', { token, body: aContact() });

    const response = await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token, body: { title: 'VP Sales', phone: null } });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ title: 'VP Sales', version: 2, firstName: 'Margaret' });
    expect(response.body).not.toHaveProperty('phone');
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.body.updatedAt >= contact.updatedAt).toBe(true);
  });

  it('refuses a stale If-Match with 409 and overwrites nothing', async () => {
    const { body: contact } = await stack.api.request('POST', '/v1/contacts', { token, body: aContact() });
    await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token, body: { title: 'First edit' }, headers: { 'if-match': '"1"' } });

    const stale = await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token, body: { title: 'Second edit' }, headers: { 'if-match': '"1"' } });

    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { expectedVersion: 1, currentVersion: 2 } });
    const read = await stack.api.request('GET', `/v1/contacts/${contact.id}`, { token });
    expect(read.body).toMatchObject({ title: 'First edit', version: 2 });
  });

  it('refuses a stale version sent in the body with 409', async () => {
    const { body: contact } = await stack.api.request('POST', '/v1/contacts', { token, body: aContact() });
    await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token, body: { title: 'Edit', version: 1 } });

    const stale = await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token, body: { title: 'Late', version: 1 } });

    expect(stale.status).toBe(409);
  });

  it('applies an update without a version to the current version', async () => {
    const { body: contact } = await stack.api.request('POST', '/v1/contacts', { token, body: aContact() });
    await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token, body: { title: 'One' } });

    const response = await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token, body: { title: 'Two' } });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ title: 'Two', version: 3 });
  });

  it('lets exactly one of two concurrent updates at the same version win', async () => {
    const { body: contact } = await stack.api.request('POST', '/v1/contacts', { token, body: aContact() });

    const results = await Promise.all(
      ['A', 'B'].map((title) =>
        stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token, body: { title }, headers: { 'if-match': '"1"' } }),
      ),
    );

    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
  });

  it.each([
    ['an empty change', {}, 'body', 'at least one field'],
    ['clearing the first name', { firstName: null }, 'firstName', ''],
    ['a malformed If-Match', { title: 'x' }, 'if-match', 'ETag'],
  ])('refuses %s with 400', async (_case, body, field, message) => {
    const { body: contact } = await stack.api.request('POST', '/v1/contacts', { token, body: aContact() });

    const response = await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token, body, headers: field === 'if-match' ? { 'if-match': 'yesterday' } : {} });

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('deletes a contact, honouring If-Match, after which it is gone', async () => {
    const { body: contact } = await stack.api.request('POST', '/v1/contacts', { token, body: aContact() });

    const stale = await stack.api.request('DELETE', `/v1/contacts/${contact.id}`, { token, headers: { 'if-match': '"7"' } });
    const deleted = await stack.api.request('DELETE', `/v1/contacts/${contact.id}`, { token, headers: { 'if-match': '"1"' } });

    expect(stale.status).toBe(409);
    expect(deleted.status).toBe(204);
    expect((await stack.api.request('GET', `/v1/contacts/${contact.id}`, { token })).status).toBe(404);
    expect((await stack.api.request('DELETE', `/v1/contacts/${contact.id}`, { token })).status).toBe(404);
    expect((await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token, body: { title: 'x' } })).status).toBe(404);
  });

  it('answers an id that does not exist with 404 and a malformed id with 400', async () => {
    const missing = await stack.api.request('GET', '/v1/contacts/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token });
    const malformed = await stack.api.request('GET', '/v1/contacts/not-an-id', { token });

    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.fields).toContainEqual({ field: 'path.id', message: 'must be a contact id' });
  });
});

describe('listing contacts', () => {
  it('pages through every contact exactly once, in creation order', async () => {
    const { token: ownToken } = await stack.api.newTenant();
    const created: string[] = [];
    for (let index = 0; index < 7; index++) {
      const { body } = await stack.api.request('POST', '/v1/contacts', { token: ownToken, body: { firstName: `Contact ${index}` } });
      created.push(body.id);
    }

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const page = await stack.api.request('GET', `/v1/contacts${query}`, { token: ownToken });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);

    expect(seen).toEqual(created);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['a limit of 0', '?limit=0', 'query.limit'],
    ['a limit over 100', '?limit=101', 'query.limit'],
    ['a limit that is not a number', '?limit=ten', 'query.limit'],
    ['a cursor it did not issue', '?cursor=bm9wZQ', 'query.cursor'],
    ['an unknown parameter', '?sort=name', 'query.sort'],
  ])('refuses %s with 400 naming the parameter', async (_case, query, field) => {
    const response = await stack.api.request('GET', `/v1/contacts${query}`, { token });

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
  });
});
