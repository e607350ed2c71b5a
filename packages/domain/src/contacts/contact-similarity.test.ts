import { describe, expect, it } from 'vitest';
import { companySimilarity, nameSimilarity, scoreDuplicate } from './contact-similarity';

const margaret = { firstName: 'Margaret', lastName: 'Peacock', company: 'Northwind Traders' };

describe('scoreDuplicate', () => {
  it('finds no reason between different people at different companies', () => {
    expect(scoreDuplicate(margaret, { id: 'B', firstName: 'Andrew', lastName: 'Fuller', company: 'Contoso' })).toBeNull();
  });

  it('scores a same email highest of the single reasons, then a same phone', () => {
    const email = scoreDuplicate({ ...margaret, email: 'm@example.com' }, { id: 'B', firstName: 'X', email: 'm@example.com' });
    const phone = scoreDuplicate({ ...margaret, phone: '+12065558122' }, { id: 'B', firstName: 'X', phone: '+12065558122' });

    expect(email).toEqual({ contactId: 'B', reasons: ['same_email'], score: 0.95 });
    expect(phone).toEqual({ contactId: 'B', reasons: ['same_phone'], score: 0.85 });
  });

  it('takes a misspelt first name at the same company as a similar name and company', () => {
    const candidate = scoreDuplicate(margaret, { id: 'B', firstName: 'Margret', lastName: 'Peacock', company: 'Northwind Traders Ltd' });

    expect(candidate?.reasons).toEqual(['similar_name_and_company']);
    expect(candidate!.score).toBeGreaterThan(0.6);
    expect(candidate!.score).toBeLessThan(0.75);
  });

  it('does not take a similar name alone, without a similar company', () => {
    expect(scoreDuplicate(margaret, { id: 'B', firstName: 'Margaret', lastName: 'Peacock', company: 'Contoso' })).toBeNull();
    expect(scoreDuplicate(margaret, { id: 'B', firstName: 'Margaret', lastName: 'Peacock' })).toBeNull();
  });

  it('combines reasons so that more evidence scores higher, never above 1', () => {
    const all = scoreDuplicate(
      { ...margaret, email: 'm@example.com', phone: '+12065558122' },
      { id: 'B', ...margaret, email: 'm@example.com', phone: '+12065558122' },
    );

    expect(all?.reasons).toEqual(['same_email', 'same_phone', 'similar_name_and_company']);
    expect(all!.score).toBeGreaterThan(0.99);
    expect(all!.score).toBeLessThanOrEqual(1);
  });
});

describe('similarities', () => {
  it('is Jaro-Winkler on folded names', () => {
    expect(nameSimilarity({ firstName: 'JOHN', lastName: 'Smith' }, { firstName: 'john', lastName: 'smith' })).toBe(1);
    expect(nameSimilarity({ firstName: 'Jon', lastName: 'Smith' }, { firstName: 'John', lastName: 'Smith' })).toBeGreaterThan(0.9);
    expect(nameSimilarity({ firstName: 'Jane', lastName: 'Smith' }, { firstName: 'John', lastName: 'Smith' })).toBeLessThan(0.9);
  });

  it('counts the same company account as the same company whatever its name', () => {
    expect(companySimilarity({ firstName: 'A', companyId: 'C1', company: 'X' }, { firstName: 'B', companyId: 'C1', company: 'Y' })).toBe(1);
    expect(companySimilarity({ firstName: 'A' }, { firstName: 'B', company: 'Y' })).toBe(0);
  });
});
