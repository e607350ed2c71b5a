import { describe, expect, it } from 'vitest';
import { feedbackCreateSchema, interactionCreateSchema, transactionCreateSchema } from './customer-record.schema';

const problems = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => ({ field: issue.path.join('.'), message: issue.message }));

describe('the transaction schema', () => {
  it('takes prices as decimal strings or JSON numbers and normalises the currency', () => {
    // Act
    const parsed = transactionCreateSchema.parse({ items: [{ product: 'Tea', quantity: 3, unitPrice: 19.99 }, { product: 'Cup', quantity: 1, unitPrice: '5' }], currency: ' eur ' });

    // Assess
    expect(parsed.currency).toBe('EUR');
    expect(parsed.items.map((line) => line.unitPrice)).toEqual(['19.99', '5']);
  });

  it.each([
    ['a price with too many decimals', { items: [{ product: 'Tea', quantity: 1, unitPrice: '1.999' }], currency: 'EUR' }, 'items.0.unitPrice', 'more decimal places than EUR'],
    ['a yen price with cents', { items: [{ product: 'Tea', quantity: 1, unitPrice: '1.5' }], currency: 'JPY' }, 'items.0.unitPrice', 'JPY allows (0)'],
    ['a negative price', { items: [{ product: 'Tea', quantity: 1, unitPrice: -1 }], currency: 'EUR' }, 'items.0.unitPrice', ''],
    ['a price in words', { items: [{ product: 'Tea', quantity: 1, unitPrice: 'ten' }], currency: 'EUR' }, 'items.0.unitPrice', 'decimal amount'],
    ['a price in exponent notation', { items: [{ product: 'Tea', quantity: 1, unitPrice: 1e-7 }], currency: 'EUR' }, 'items.0.unitPrice', 'decimal amount'],
    ['a fractional quantity', { items: [{ product: 'Tea', quantity: 1.5, unitPrice: '1' }], currency: 'EUR' }, 'items.0.quantity', 'whole number'],
    ['no items', { items: [], currency: 'EUR' }, 'items', 'at least one'],
    ['a made-up currency', { items: [{ product: 'Tea', quantity: 1, unitPrice: '1' }], currency: 'EUX' }, 'currency', 'ISO 4217'],
    ['a total beyond exact integers', { items: [{ product: 'Gold', quantity: 1_000_000, unitPrice: '999999999999' }], currency: 'EUR' }, 'items', 'more than'],
  ])('refuses %s, naming the field', (_case, body, field, message) => {
    // Act
    const result = transactionCreateSchema.safeParse(body);

    // Assess
    expect(result.success).toBe(false);
    expect(problems(result)).toContainEqual({ field, message: expect.stringContaining(message) });
  });
});

describe('the feedback schema', () => {
  it.each([
    [{ kind: 'csat', score: 5 }, true],
    [{ kind: 'csat', score: 1 }, true],
    [{ kind: 'nps', score: 0 }, true],
    [{ kind: 'nps', score: 10 }, true],
    [{ kind: 'complaint', comment: 'Late delivery' }, true],
    [{ kind: 'csat', score: 0 }, false],
    [{ kind: 'csat', score: 6 }, false],
    [{ kind: 'nps', score: 11 }, false],
    [{ kind: 'nps' }, false],
    [{ kind: 'suggestion', score: 3 }, false],
  ])('%j is valid: %s', (body, valid) => {
    // Act
    const result = feedbackCreateSchema.safeParse(body);

    // Assess
    expect(result.success).toBe(valid);
    if (!valid) expect(problems(result).map((problem) => problem.field)).toContain('score');
  });
});

describe('the interaction schema', () => {
  it('stores the time it happened in UTC', () => {
    // Act
    const parsed = interactionCreateSchema.parse({ type: 'call', occurredAt: '2026-03-01T10:00:00+02:00' });

    // Assess
    expect(parsed.occurredAt).toBe('2026-03-01T08:00:00.000Z');
  });

  it('refuses an unknown type, naming the choices', () => {
    // Act
    const result = interactionCreateSchema.safeParse({ type: 'fax' });

    // Assess
    expect(problems(result)).toContainEqual({ field: 'type', message: expect.stringContaining('call, email, meeting, chat, note') });
  });
});
