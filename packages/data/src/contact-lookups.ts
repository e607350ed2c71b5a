import type { StoredContact } from '@rapport/domain';
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
