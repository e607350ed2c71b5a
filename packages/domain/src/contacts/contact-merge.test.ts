import { describe, expect, it } from 'vitest';
import type { Contact } from './contact';
import { contactMergeSchema } from './contact-merge.schema';
import { mergeProfiles } from './contact-merge';

const aContact = (overrides: Partial<Contact>): Contact => ({
  id: 'T',
  firstName: 'Margaret',
  ownerId: 'owner',
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  ...overrides,
});

describe('mergeProfiles', () => {
  it("keeps the target's values, takes the source's where the target has none, and unites tags", () => {
    const target = aContact({ lastName: 'Peacock', email: 't@example.com', tags: ['vip'] });
    const source = aContact({ id: 'S', ownerId: 'someone', firstName: 'Maggie', email: 's@example.com', phone: '+442079460958', tags: ['news', 'vip'] });

    const merged = mergeProfiles(target, source, {}, '2026-02-01T00:00:00.000Z');

    expect(merged).toEqual({
      ...target,
      phone: '+442079460958',
      tags: ['vip', 'news'],
      version: 5,
      updatedAt: '2026-02-01T00:00:00.000Z',
    });
  });

  it('takes a field from the side chosen for it, clearing it when that side has none', () => {
    const target = aContact({ title: 'CEO', email: 't@example.com' });
    const source = aContact({ id: 'S', firstName: 'Maggie', email: 's@example.com' });

    const merged = mergeProfiles(target, source, { firstName: 'source', email: 'source', title: 'source' }, 'now');

    expect(merged).toMatchObject({ id: 'T', firstName: 'Maggie', email: 's@example.com', ownerId: 'owner' });
    expect(merged).not.toHaveProperty('title');
  });
});

describe('contactMergeSchema', () => {
  it('names the field of a bad choice', () => {
    const result = contactMergeSchema.safeParse({ sourceId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', fields: { email: 'both' } });

    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['fields', 'email'], message: 'must be target or source' })]);
  });
});
