import { describe, expect, it } from 'vitest';
import { IMPORT_SPECS, validateRow } from './import-fields';

describe('validateRow', () => {
  it('builds the API input from the mapped cells: lists split, blanks and unmapped columns left out', () => {
    const result = validateRow(IMPORT_SPECS.contacts, ['Name', 'Mail', 'Tags', 'Skip', 'Phone'], { Name: 'firstName', Mail: 'email', Tags: 'tags', Skip: null, Phone: 'phone' }, [' Ann ', 'ANN@Example.com', 'vip; newsletter|vip', 'x', ''], 1);

    expect(result).toEqual({ ok: true, input: { firstName: 'Ann', email: 'ann@example.com', tags: ['vip', 'newsletter'] }, cells: expect.any(Object) });
  });

  it("names each bad field of a row with the contact schema's own message, never the value", () => {
    const result = validateRow(IMPORT_SPECS.contacts, ['First', 'Mail', 'Birthday'], { First: 'firstName', Mail: 'email', Birthday: 'birthday' }, ['', 'jane@', '31/12/1990'], 4);

    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map(({ row, field }) => [row, field]).sort()).toEqual([[4, 'birthday'], [4, 'email'], [4, 'firstName']]);
    expect(JSON.stringify(errors)).not.toMatch(/jane|1990/);
  });

  it('does not offer a company link (a file has no company ids of this workspace)', () => {
    expect(IMPORT_SPECS.contacts.fields).not.toContain('companyId');
    expect(IMPORT_SPECS.contacts.fields).toContain('firstName');
  });

  it('makes an order of one line per row, and names the row column a line error is about', () => {
    const headers = ['Email', 'Product', 'Qty', 'Price', 'Currency'];
    const mapping = { Email: 'contactEmail', Product: 'product', Qty: 'quantity', Price: 'unitPrice', Currency: 'currency' };

    const good = validateRow(IMPORT_SPECS.transactions, headers, mapping, ['a@b.co', 'Tea', '2', '1.50', 'eur'], 1);
    const badQuantity = validateRow(IMPORT_SPECS.transactions, headers, mapping, ['a@b.co', 'Tea', '1.5', '1.50', 'EUR'], 2);
    const badPrice = validateRow(IMPORT_SPECS.transactions, headers, mapping, ['a@b.co', 'Tea', '1', '1.505', 'EUR'], 3);

    expect(good).toMatchObject({ ok: true, input: { items: [{ product: 'Tea', quantity: 2, unitPrice: '1.50' }], currency: 'EUR' } });
    expect(badQuantity.ok ? [] : badQuantity.errors).toEqual([{ row: 2, field: 'quantity', message: 'must be a whole number' }]);
    expect(badPrice.ok ? [] : badPrice.errors).toEqual([{ row: 3, field: 'unitPrice', message: 'has more decimal places than EUR allows (2)' }]);
  });
});
