import { beforeAll, describe, expect, it } from 'vitest';
import { recordHandlerWrites } from '../support/dynamodb-write-recorder';
import { useTestApi } from '../support/test-stack';

/**
 * Text a screen, an export or a terminal would show wrongly or not at all, and dates no calendar
 * of a business holds, are refused with a 400 naming the field — and the refused request writes
 * nothing (every DynamoDB write of the handlers goes through a recording proxy).
 */
const writes = recordHandlerWrites();
const stack = useTestApi({
  interceptDynamoDB: writes.interceptDynamoDB,
});

let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
beforeAll(async () => {
  owner = await stack.api.newTenant();
});

/** One line a person types (a name, a title): none of these is text they meant. */
const HOSTILE_LINES: [string, string][] = [
  ['a NUL character', 'Ada\u0000Lovelace'],
  ['a lone surrogate', 'Ada \uD800 Lovelace'],
  ['a right-to-left override', 'Invoice\u202Efdp.exe'],
  ['a left-to-right isolate', 'Ada \u2066Lovelace\u2069'],
  ['zero-width characters only', '\u200B\u200C\u200D\uFEFF'],
  ['a line break', 'Ada\nLovelace'],
  ['an escape sequence', 'Ada\u001B[31mLovelace'],
];
/** Several lines (notes, a ticket's body): breaks and tabs are fine, these are not. */
const HOSTILE_TEXTS: [string, string][] = [
  ['a NUL character', 'Called\u0000back'],
  ['a lone surrogate', 'Called \uDC00 back'],
  ['a right-to-left override', 'Called \u202Eback'],
  ['a bell character', 'Called\u0007back'],
];
const HOSTILE_DAYS = ['0000-01-01', '9999-12-31', '1899-12-31', '2200-01-01'];
const HOSTILE_INSTANTS = ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2200-01-01T00:30:00-01:00'];

/** A route, a valid body, and which of its fields take which kind of value. */
const ROUTES: { route: string; body: Record<string, unknown>; lines?: string[]; texts?: string[]; days?: string[]; instants?: string[] }[] = [
  { route: '/v1/contacts', body: { firstName: 'Ada', lastName: 'Lovelace' }, lines: ['firstName', 'lastName', 'company', 'title'], texts: ['notes'], days: ['birthday'] },
  { route: '/v1/companies', body: { name: 'Northwind' }, lines: ['name'] },
  { route: '/v1/tasks', body: { title: 'Follow up', type: 'follow_up' }, lines: ['title'], instants: ['dueAt'] },
  { route: '/v1/tickets', body: { subject: 'Parcel never arrived' }, lines: ['subject'], texts: ['description'] },
  { route: '/v1/roles', body: { name: 'Viewer', permissions: ['contacts:read'] }, lines: ['name', 'description'] },
  { route: '/v1/users', body: { email: 'sam@example.com', name: 'Sam', roleId: 'read_only' }, lines: ['name'] },
  { route: '/v1/fields', body: { entity: 'contact', key: 'tier', label: 'Tier', type: 'text' }, lines: ['label'] },
  { route: '/v1/ingest-keys', body: { name: 'Website' }, lines: ['name'] },
];

const cases = ROUTES.flatMap(({ route, body, lines = [], texts = [], days = [], instants = [] }) => [
  ...lines.flatMap((field) => HOSTILE_LINES.map(([what, value]) => ({ route, body, field, what, value }))),
  ...texts.flatMap((field) => HOSTILE_TEXTS.map(([what, value]) => ({ route, body, field, what, value }))),
  ...days.flatMap((field) => HOSTILE_DAYS.map((value) => ({ route, body, field, what: `the date ${value}`, value }))),
  ...instants.flatMap((field) => HOSTILE_INSTANTS.map((value) => ({ route, body, field, what: `the time ${value}`, value }))),
]);

describe('text and dates a person did not mean', () => {
  it.each(cases)('POST $route refuses $what in $field with a 400 naming it, and writes nothing', async ({ route, body, field, value }) => {
    // Act
    writes.recorder().clear();
    const response = await stack.api.request('POST', route, { token: owner.token, body: { ...body, [field]: value } });

    // Assess
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    const fields = (response.body as { error: { details: { fields: { field: string; message: string }[] } } }).error.details.fields;
    expect(fields.map((problem) => problem.field)).toContain(field);
    expect(writes.recorder().writes).toEqual([]);
  });

  it('keeps what people do type: right-to-left and accented names, emoji, marks, and line breaks in notes', async () => {
    // Act
    const created = await stack.api.request('POST', '/v1/contacts', {
      token: owner.token,
      body: { firstName: 'מרים', lastName: 'Ødegård-Nuñez \u200F👩🏽‍💼', notes: 'Called back.\n\tWants a quote.', birthday: '1950-02-28' },
    });

    // Assess
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await stack.api.request('GET', `/v1/contacts/${(created.body as { id: string }).id}`, { token: owner.token });
    expect(read.body).toMatchObject({ firstName: 'מרים', lastName: 'Ødegård-Nuñez \u200F👩🏽‍💼', notes: 'Called back.\n\tWants a quote.', birthday: '1950-02-28' });
  });

  it('refuses the same in a custom field value, naming customFields.<key>', async () => {
    // Prepare
    const field = await stack.api.request('POST', '/v1/fields', { token: owner.token, body: { entity: 'contact', key: 'nickname', label: 'Nickname', type: 'text' } });
    expect(field.status, JSON.stringify(field.body)).toBe(201);

    for (const value of ['Ada\u0000', '\u200B\u200B', 'Ada \uD800']) {
      // Act
      writes.recorder().clear();
      const response = await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Ada', customFields: { nickname: value } } });

      // Assess
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(JSON.stringify(response.body)).toContain('customFields.nickname');
      expect(writes.recorder().writes).toEqual([]);
    }
  });
});
