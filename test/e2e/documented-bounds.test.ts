import { newId } from '@rapport/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordHandlerWrites } from '../support/dynamodb-write-recorder';
import { useTestApi } from '../support/test-stack';

/**
 * The bounds the OpenAPI document states (`maxLength`, `maxItems`, `maxProperties`, ranges) that
 * the schemas did not enforce before it said so: one past each is refused with a 400 naming the
 * field, and writes nothing.
 */
const writes = recordHandlerWrites();
const stack = useTestApi({ interceptDynamoDB: writes.interceptDynamoDB });

let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
beforeAll(async () => {
  owner = await stack.api.newTenant();
});

/** 41 characters: a valid date-time, but one past the longest taken. */
const LONG_INSTANT = '2026-05-01T14:30:00.12345678901234567890Z';
const condition = (overrides: Record<string, unknown>) => ({ name: 'Bounded', rules: { all: [{ field: 'region', op: 'eq', value: 'east', ...overrides }] } });
const aDeal = { title: 'Big one', contactId: newId(), currency: 'EUR', expectedCloseDate: '2026-09-30' };

const CASES: { what: string; method: 'POST' | 'PUT' | 'DELETE' | 'GET'; path: string; body?: unknown; field: string }[] = [
  { what: 'a workspace-name confirmation over 200 characters', method: 'DELETE', path: '/v1/tenant', body: { confirm: 'x'.repeat(201) }, field: 'confirm' },
  { what: 'a due time over 40 characters', method: 'POST', path: '/v1/tasks', body: { title: 'Call', type: 'follow_up', dueAt: LONG_INSTANT }, field: 'dueAt' },
  { what: 'an audit period start over 40 characters', method: 'GET', path: `/v1/audit/events?from=${encodeURIComponent(LONG_INSTANT)}`, field: 'query.from' },
  { what: 'a decimal amount over 24 characters', method: 'POST', path: '/v1/deals', body: { ...aDeal, amount: '1'.repeat(25) }, field: 'amount' },
  {
    what: 'a unit price over 24 characters',
    method: 'POST',
    path: `/v1/contacts/${newId()}/transactions`,
    body: { currency: 'EUR', items: [{ product: 'Tea', quantity: 1, unitPrice: `0.${'1'.repeat(23)}` }] },
    field: 'items.0.unitPrice',
  },
  {
    what: 'an import mapping of 501 columns',
    method: 'PUT',
    path: `/v1/imports/${newId()}/mapping`,
    body: { columns: Object.fromEntries(Array.from({ length: 501 }, (_, index) => [`Column ${index}`, null])) },
    field: 'columns',
  },
  { what: 'a look-back of 0 days', method: 'POST', path: '/v1/segments', body: condition({ field: 'behaviour.clicks', op: 'gte', value: 1, days: 0 }), field: 'rules.all.0.days' },
  { what: 'a look-back of 366 days', method: 'POST', path: '/v1/segments', body: condition({ field: 'behaviour.clicks', op: 'gte', value: 1, days: 366 }), field: 'rules.all.0.days' },
  { what: 'a rule value over 200 characters', method: 'POST', path: '/v1/segments', body: condition({ value: 'x'.repeat(201) }), field: 'rules.all.0.value' },
  {
    what: 'a rule list of 51 values',
    method: 'POST',
    path: '/v1/segments',
    body: condition({ field: 'customFields.tier', op: 'in', value: Array.from({ length: 51 }, (_, index) => `tier ${index}`) }),
    field: 'rules.all.0.value',
  },
];

describe('bounds the OpenAPI document states', () => {
  it.each(CASES)('$method $path refuses $what with a 400 naming $field, and writes nothing', async ({ method, path, body, field }) => {
    // Act
    writes.recorder().clear();
    const response = await stack.api.request(method, path, { token: owner.token, ...(body === undefined ? {} : { body }) });

    // Assess
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    const fields = (response.body as { error: { details: { fields: { field: string; message: string }[] } } }).error.details.fields;
    // Refused for the bound, not for something else about the value.
    expect(fields.find((problem) => problem.field === field)?.message, JSON.stringify(fields)).toMatch(/at most|from 1 to 365|a decimal amount/);
    expect(writes.recorder().writes).toEqual([]);
  });
});
