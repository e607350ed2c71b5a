import { describe, expect, it } from 'vitest';
import { COMPLETENESS_WEIGHTS, completenessDelta, completenessOf, completenessReport, summedDeltas } from './contact-completeness';

describe('completeness', () => {
  it('weighs the fields to 100 in all', () => {
    expect(Object.values(COMPLETENESS_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('scores a contact by the fields it has; a company account counts as a company; empty tags do not count', () => {
    expect(completenessOf({ firstName: 'A' })).toBe(10);
    expect(completenessOf({ firstName: 'A', email: 'x', companyId: 'C', tags: [] })).toBe(40);
    expect(
      completenessOf({ firstName: 'A', lastName: 'B', email: 'x', phone: 'y', company: 'C', title: 'T', address: 'Ad', birthday: '2000-01-01', tags: ['t'] }),
    ).toBe(100);
  });

  it('moves the totals by what a write changes', () => {
    const created = completenessDelta(undefined, { firstName: 'A', email: 'x' });
    const updated = completenessDelta({ firstName: 'A', email: 'x' }, { firstName: 'A', phone: 'y' });
    const deleted = completenessDelta({ firstName: 'A', phone: 'y' }, undefined);

    expect(created).toMatchObject({ contacts: 1, scoreSum: 30, filled: { firstName: 1, email: 1, phone: 0 } });
    expect(updated).toMatchObject({ contacts: 0, scoreSum: -5, filled: { firstName: 0, email: -1, phone: 1 } });
    expect(deleted).toMatchObject({ contacts: -1, scoreSum: -25, filled: { firstName: -1, phone: -1 } });
  });

  it('sums several changes into one delta, as a batch of stream records moves the totals', () => {
    const batch = summedDeltas([
      completenessDelta(undefined, { firstName: 'A', email: 'x' }),
      completenessDelta({ firstName: 'A', email: 'x' }, { firstName: 'A', phone: 'y' }),
      completenessDelta(undefined, { firstName: 'B', tags: ['t'] }),
    ]);

    expect(batch).toMatchObject({ contacts: 2, scoreSum: 25 + 15, filled: { firstName: 2, email: 0, phone: 1, tags: 1 } });
    expect(summedDeltas([])).toMatchObject({ contacts: 0, scoreSum: 0, filled: { firstName: 0 } });
  });

  it('reports the average and the share of contacts per field', () => {
    const report = completenessReport({ contacts: 4, scoreSum: 150, filled: { firstName: 4, lastName: 1, email: 3, phone: 0, company: 0, title: 0, address: 0, birthday: 0, tags: 0 } });

    expect(report).toMatchObject({ average: 37.5, contacts: 4, byField: { firstName: 1, lastName: 0.25, email: 0.75, phone: 0 } });
    expect(completenessReport({ contacts: 0, scoreSum: 0, filled: report.byField }).average).toBe(0);
  });
});
