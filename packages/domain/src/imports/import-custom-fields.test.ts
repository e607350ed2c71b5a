import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../fields/field-definition';
import { fieldSetOf } from '../fields/field-set';
import { suggestMapping } from './column-synonyms';
import { importSpecFor, validateRow } from './import-fields';

const definition = (overrides: Partial<FieldDefinition> & Pick<FieldDefinition, 'key' | 'label' | 'type'>): FieldDefinition => ({
  id: `id-${overrides.key}`,
  entity: 'contact',
  required: false,
  sensitive: false,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

const definitions = [
  definition({ key: 'loyalty_tier', label: 'Loyalty tier', type: 'select', options: ['bronze', 'gold'], required: true }),
  definition({ key: 'employees', label: 'Staff count', type: 'number' }),
  definition({ key: 'vip', label: 'VIP', type: 'boolean' }),
  definition({ key: 'vat_number', label: 'VAT number', type: 'text', entity: 'company' }),
];
const spec = importSpecFor('contacts', fieldSetOf(definitions, 'contact'));
const headers = ['First', 'Tier', 'Staff', 'VIP'];
const mapping = { First: 'firstName', Tier: 'customFields.loyalty_tier', Staff: 'customFields.employees', VIP: 'customFields.vip' };

describe('custom fields in an import', () => {
  it("offers each of the entity's custom fields as a target, and only the entity's", () => {
    expect(spec.fields).toEqual(expect.arrayContaining(['firstName', 'customFields.loyalty_tier', 'customFields.employees', 'customFields.vip']));
    expect(spec.fields).not.toContain('customFields.vat_number');
    expect(importSpecFor('transactions', fieldSetOf(definitions, 'contact')).fields).not.toContain('customFields.employees');
  });

  it('parses the cells from text as the API checks values', () => {
    const result = validateRow(spec, headers, mapping, ['Ann', 'gold', '42', 'yes'], 1);

    expect(result).toMatchObject({ ok: true, input: { firstName: 'Ann', customFields: { loyalty_tier: 'gold', employees: 42, vip: true } } });
  });

  it('names each bad custom value and a missing required one, never the value', () => {
    const bad = validateRow(spec, headers, mapping, ['Ann', 'gold', 'forty', 'perhaps'], 2);
    const missing = validateRow(spec, headers, mapping, ['Bob', '', '1', 'no'], 3);

    expect(bad).toEqual({ ok: false, errors: [{ row: 2, field: 'customFields.employees', message: 'must be a number' }, { row: 2, field: 'customFields.vip', message: 'must be true or false' }] });
    expect(missing).toEqual({ ok: false, errors: [{ row: 3, field: 'customFields.loyalty_tier', message: 'is required' }] });
  });

  it('reports a missing required custom field with the schema errors of the same row', () => {
    const result = validateRow(spec, headers, mapping, ['', '', '1', 'no'], 4);

    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual(['firstName', 'customFields.loyalty_tier']);
  });

  it('suggests a custom field for a header equal to its key or label, after the built-in fields', () => {
    const suggested = suggestMapping('contacts', ['First Name', 'LOYALTY TIER', 'employees', 'Email', 'VAT number'], fieldSetOf(definitions, 'contact').definitions);

    expect(suggested).toEqual({ 'First Name': 'firstName', 'LOYALTY TIER': 'customFields.loyalty_tier', employees: 'customFields.employees', Email: 'email', 'VAT number': null });
  });
});
