import { completenessDelta, COMPLETENESS_FIELDS, type CompletenessTotals, type StoredContact } from '@rapport/domain';
import type { TransactItem } from './audited-writer';
import { keys } from './keys';

/**
 * The transaction items that keep a contact's phone and name lookups (see keys.ts) in step with
 * its profile: each is written when the stored contact has that index and deleted when it does not,
 * so a cleared phone number can no longer be found. The name lookup also carries what the
 * similar-name reason compares (stored in clear on the profile too, and rewritten with it),
 * so duplicate detection scores a blocking-key partition from one Query and reads only the
 * profiles that match, not every namesake's.
 */
export function lookupItems(tableName: string, tenantId: string, contact: StoredContact): TransactItem[] {
  const { firstName, lastName, company, companyId } = contact;
  const lookups = [
    { kind: 'PHONE', index: contact.phoneIndex, gsi: (index: string) => keys.contactByPhone(tenantId, index, contact.id), carries: {} },
    {
      kind: 'NAME',
      index: contact.nameIndex,
      gsi: (index: string) => keys.contactByNameBlock(tenantId, index, contact.id),
      carries: { firstName, lastName, company, companyId },
    },
  ] as const;
  return lookups.map(({ kind, index, gsi, carries }): TransactItem => {
    const key = keys.contactLookup(tenantId, contact.id, kind);
    return index === undefined
      ? { Delete: { TableName: tableName, Key: key } }
      : { Put: { TableName: tableName, Item: { ...key, ...gsi(index), entity: 'contact-lookup', contactId: contact.id, ...carries } } };
  });
}

/** The lookups of a contact just created: only the ones it has, since its new partition holds none to delete. */
export function newContactLookupItems(tableName: string, tenantId: string, contact: StoredContact): TransactItem[] {
  return lookupItems(tableName, tenantId, contact).filter((item) => item.Put !== undefined);
}

/** The stored attribute counting the contacts that have `field`. */
export const filledAttribute = (field: string) => `filled_${field}`;

type Change = [before: StoredContact | undefined, after: StoredContact | undefined];

/**
 * Moves the workspace's completeness totals by what one write changes (`before` absent for a
 * create, `after` for a delete; a merge changes two contacts, an import batch many); nothing when
 * the write changes no completeness field. The whole delta goes to the one shard `shardBy` (the
 * written contact's id, a merge's target, a batch's first record) hashes to: the report only
 * needs the sum, and a transaction may name an item once.
 */
export function completenessItems(tableName: string, tenantId: string, shardBy: string, ...changes: Change[]): TransactItem[] {
  const deltas = changes.map(([before, after]) => completenessDelta(before, after));
  const delta = {
    contacts: deltas.reduce((sum, next) => sum + next.contacts, 0),
    scoreSum: deltas.reduce((sum, next) => sum + next.scoreSum, 0),
    filled: Object.fromEntries(COMPLETENESS_FIELDS.map((field) => [field, deltas.reduce((sum, next) => sum + next.filled[field], 0)])) as CompletenessTotals['filled'],
  };
  const moves = ([
    ['contacts', delta.contacts],
    ['scoreSum', delta.scoreSum],
    ...COMPLETENESS_FIELDS.map((field): [string, number] => [filledAttribute(field), delta.filled[field]]),
  ] as [string, number][]).filter(([, by]) => by !== 0);
  if (moves.length === 0) return [];
  return [
    {
      Update: {
        TableName: tableName,
        Key: keys.contactCompleteness(tenantId, shardBy),
        UpdateExpression: `SET entity = :entity ADD ${moves.map((_, i) => `#a${i} :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(moves.map(([name], i) => [`#a${i}`, name])),
        ExpressionAttributeValues: { ':entity': 'contact-completeness', ...Object.fromEntries(moves.map(([, by], i) => [`:v${i}`, by])) },
      },
    },
  ];
}

/** The totals as stored: the sum of the shards found (all zero before the first contact). */
export function completenessTotalsOf(items: readonly Record<string, unknown>[]): CompletenessTotals {
  const number = (name: string) => items.reduce((sum, item) => sum + Number(item[name] ?? 0), 0);
  return {
    contacts: number('contacts'),
    scoreSum: number('scoreSum'),
    filled: Object.fromEntries(COMPLETENESS_FIELDS.map((field) => [field, number(filledAttribute(field))])) as CompletenessTotals['filled'],
  };
}

/** A contact's profile item with the keys of its listings and its email lookup. */
export function contactItem(tenantId: string, contact: StoredContact): Record<string, unknown> {
  return {
    ...keys.contact(tenantId, contact.id),
    ...keys.contactListing(tenantId, contact.id),
    ...keys.contactOwnerListing(tenantId, contact.ownerId, contact.id),
    ...(contact.emailIndex ? keys.contactByEmail(tenantId, contact.emailIndex, contact.id) : {}),
    entity: 'contact',
    ...contact,
  };
}
