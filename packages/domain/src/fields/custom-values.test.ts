import { describe, expect, it } from 'vitest';
import { applyCustomFieldChanges, changedCustomFields, checkCustomFieldValues } from './custom-values';
import type { FieldDefinition } from './field-definition';
import { fieldSetOf } from './field-set';

const stamp = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const aDefinition = (overrides: Partial<FieldDefinition>): FieldDefinition => ({
  id: '01J00000000000000000000000',
  entity: 'contact',
  key: 'field',
  label: 'Field',
  type: 'text',
  required: false,
  sensitive: false,
  ...stamp,
  ...overrides,
});
const fields = fieldSetOf(
  [
    aDefinition({ id: '01J00000000000000000000001', key: 'tier', type: 'select', options: ['bronze', 'gold'], required: true }),
    aDefinition({ id: '01J00000000000000000000002', key: 'employees', type: 'number' }),
    aDefinition({ id: '01J00000000000000000000003', key: 'renewal', type: 'date' }),
    aDefinition({ id: '01J00000000000000000000004', key: 'newsletter', type: 'boolean' }),
    aDefinition({ id: '01J00000000000000000000005', key: 'vat_number', entity: 'company' }),
  ],
  'contact',
);

describe('checkCustomFieldValues', () => {
  it('accepts JSON values of each type and normalises text', () => {
    // Act
    const result = checkCustomFieldValues(fields, { tier: ' gold ', employees: 12.5, renewal: '2027-01-31', newsletter: false }, { mode: 'create' });

    // Assess
    expect(result).toEqual({ values: { tier: 'gold', employees: 12.5, renewal: '2027-01-31', newsletter: false }, issues: [] });
  });

  it('names every problem at once: unknown keys, other entities’ keys, wrong types, a missing required field', () => {
    // Act
    const { issues } = checkCustomFieldValues(fields, { vat_number: 'x', employees: '12', newsletter: 'true', renewal: '31/01/2027' }, { mode: 'create' });

    // Assess
    expect(issues).toEqual([
      { field: 'customFields.vat_number', message: 'is not a custom field of contacts: see GET /v1/fields' },
      { field: 'customFields.employees', message: 'must be a number' },
      { field: 'customFields.newsletter', message: 'must be true or false' },
      { field: 'customFields.renewal', message: 'must be a date as YYYY-MM-DD' },
      { field: 'customFields.tier', message: 'is required' },
    ]);
  });

  it('parses CSV cells when the values come as text, an empty cell meaning no value', () => {
    // Act
    const parsed = checkCustomFieldValues(fields, { tier: 'bronze', employees: ' 42 ', newsletter: 'Yes', renewal: '' }, { mode: 'create', fromText: true });
    const refused = checkCustomFieldValues(fields, { tier: '', employees: 'forty', newsletter: 'maybe' }, { mode: 'create', fromText: true });

    // Assess
    expect(parsed).toEqual({ values: { tier: 'bronze', employees: 42, newsletter: true }, issues: [] });
    expect(refused.issues.map((issue) => issue.field)).toEqual(['customFields.employees', 'customFields.newsletter', 'customFields.tier']);
  });

  it('on a patch, clears with null, refuses to clear a required field, and does not ask for absent ones', () => {
    // Act
    const result = checkCustomFieldValues(fields, { employees: null, tier: null }, { mode: 'patch' });

    // Assess
    expect(result).toEqual({ values: { employees: null }, issues: [{ field: 'customFields.tier', message: 'is required and cannot be cleared' }] });
  });
});

describe('applying changes', () => {
  it('sets, clears and keeps keys, and names exactly the changed ones', () => {
    // Prepare
    const before = { tier: 'gold', employees: 3, newsletter: true };

    // Act
    const after = applyCustomFieldChanges(before, { employees: 4, newsletter: null, tier: 'gold' });

    // Assess
    expect(after).toEqual({ tier: 'gold', employees: 4 });
    expect(changedCustomFields(before, after)).toEqual(['customFields.employees', 'customFields.newsletter']);
    expect(applyCustomFieldChanges({ tier: 'gold' }, { tier: null })).toBeUndefined();
  });
});
