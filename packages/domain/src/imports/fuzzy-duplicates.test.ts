import { describe, expect, it } from 'vitest';
import type { StoredContact } from '../contacts/contact';
import type { ContactRepository } from '../contacts/ports';
import type { FieldCipher } from '../privacy/field-cipher';
import { findFuzzyDuplicates } from './fuzzy-duplicates';
import type { ImportJobRepository, SeenPerson } from './ports';

/** In-memory ports: a blind index is the value itself, a claim keeps its first row. */
function fakes(existing: StoredContact[]) {
  const claims = new Map<string, { row: number; sealed: string }>();
  const lookups: string[] = [];
  const cipher = { blindIndex: async (_kind: string, value: string) => value, encrypt: async (_scope: unknown, text: string) => `sealed:${text}`, decrypt: async (_scope: unknown, text: string) => text.slice('sealed:'.length) } as unknown as FieldCipher;
  const jobs = {
    claimSeenPerson: async (_id: string, claim: { runId: string; blindIndex: string; row: number; sealed: string }) => {
      const key = `${claim.runId}|${claim.blindIndex}`;
      if (!claims.has(key)) claims.set(key, { row: claim.row, sealed: claim.sealed });
      return claims.get(key)!;
    },
  } as unknown as ImportJobRepository;
  const contacts = {
    findIds: async (_lookup: string, index: string) => {
      lookups.push(index);
      return existing.filter((contact) => contact.nameIndex === index).map((contact) => contact.id);
    },
    get: async (id: string) => existing.find((contact) => contact.id === id) ?? null,
  } as unknown as ContactRepository;
  return { deps: { jobs, contacts, cipher }, claims, lookups };
}

const contact = (id: string, person: SeenPerson & { nameIndex: string }, ownerId = 'owner'): StoredContact =>
  ({ id, ownerId, version: 1, createdAt: '', updatedAt: '', lifecycleStage: 'lead', ...person }) as StoredContact;
const all = () => true;

describe('findFuzzyDuplicates', () => {
  it('finds an existing contact and an earlier row by name and company, one lookup per blocking key', async () => {
    const { deps, lookups } = fakes([contact('c1', { firstName: 'Margaret', lastName: 'Peacock', company: 'Acme', nameIndex: 'peacock|m' })]);
    const rows = [
      { row: 1, person: { firstName: 'Margret', lastName: 'Peacock', company: 'Acme' } },
      { row: 2, person: { firstName: 'Margaret', lastName: 'Peacock', company: 'Acme' } },
      { row: 3, person: { firstName: 'Mary', lastName: 'Peacock' } },
    ];

    const found = await findFuzzyDuplicates(deps, { importId: 'i', runId: 'r' }, rows, all);

    expect(found.map(({ row, contactId, duplicateOfRow }) => ({ row, contactId, duplicateOfRow }))).toEqual([
      { row: 1, contactId: 'c1', duplicateOfRow: undefined },
      { row: 2, contactId: 'c1', duplicateOfRow: undefined },
      { row: 2, contactId: undefined, duplicateOfRow: 1 },
    ]);
    expect(found.every(({ score }) => score > 0 && score <= 0.75)).toBe(true);
    expect(lookups).toEqual(['peacock|m']);
  });

  it("compares a later chunk's row with the file's first row of its key, and a retried chunk with none", async () => {
    const { deps } = fakes([]);
    const first = await findFuzzyDuplicates(deps, { importId: 'i', runId: 'r' }, [{ row: 1, person: { firstName: 'John', lastName: 'Smith', company: 'Initech' } }], all);
    const retried = await findFuzzyDuplicates(deps, { importId: 'i', runId: 'r' }, [{ row: 1, person: { firstName: 'John', lastName: 'Smith', company: 'Initech' } }], all);
    const later = await findFuzzyDuplicates(deps, { importId: 'i', runId: 'r' }, [{ row: 8, person: { firstName: 'Jon', lastName: 'Smith', company: 'Initech' } }], all);
    const otherRun = await findFuzzyDuplicates(deps, { importId: 'i', runId: 'r2' }, [{ row: 8, person: { firstName: 'Jon', lastName: 'Smith', company: 'Initech' } }], all);

    expect(first).toEqual([]);
    expect(retried).toEqual([]);
    expect(later).toEqual([{ row: 8, duplicateOfRow: 1, score: expect.any(Number) }]);
    expect(otherRun).toEqual([]);
  });

  it('skips contacts outside the scope and rows without a company', async () => {
    const { deps, lookups } = fakes([contact('c1', { firstName: 'Ann', lastName: 'Lee', company: 'Acme', nameIndex: 'lee|a' }, 'someone-else')]);

    const found = await findFuzzyDuplicates(
      deps,
      { importId: 'i', runId: 'r' },
      [
        { row: 1, person: { firstName: 'Ann', lastName: 'Lee', company: 'Acme' } },
        { row: 2, person: { firstName: 'Bo', lastName: 'Ek' } },
      ],
      (candidate) => candidate.ownerId === 'owner',
    );

    expect(found).toEqual([]);
    expect(lookups).toEqual(['lee|a']);
  });
});
