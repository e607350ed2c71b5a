import type { CompanyLinkChange, CompanySnapshot } from '@rapport/domain';
import type { TransactItem } from './audited-writer';
import { keys } from './keys';

/**
 * The transaction items that move a contact's company link: the snapshot in the contact's
 * partition (written for `to`, deleted without it) and, when the company changes, both companies'
 * `contactCount`. Counters move only on companies that exist (an ADD on a missing key would create
 * a stray item), so a company deleted meanwhile fails the transaction.
 */
export function companyLinkItems(tableName: string, tenantId: string, contactId: string, link: CompanyLinkChange): TransactItem[] {
  const items: TransactItem[] = [
    link.to
      ? { Put: { TableName: tableName, Item: snapshotItem(tenantId, contactId, link.to) } }
      : { Delete: { TableName: tableName, Key: keys.contactCompany(tenantId, contactId) } },
  ];
  if (link.from !== link.to?.companyId) {
    if (link.from) items.push(contactCount(tableName, tenantId, link.from, -1));
    if (link.to) items.push(contactCount(tableName, tenantId, link.to.companyId, 1));
  }
  return items;
}

/** Moves a company's count of linked contacts by `delta`, if the company exists. */
export function contactCount(tableName: string, tenantId: string, companyId: string, delta: number): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.company(tenantId, companyId),
      UpdateExpression: 'ADD contactCount :delta',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':delta': delta },
    },
  };
}

/** The company snapshot item in a contact's partition, listed under its company (gsi1). */
export function snapshotItem(tenantId: string, contactId: string, snapshot: CompanySnapshot): Record<string, unknown> {
  return {
    ...keys.contactCompany(tenantId, contactId),
    ...keys.companyContacts(tenantId, snapshot.companyId, contactId),
    entity: 'contact-company',
    contactId,
    ...snapshot,
  };
}

/** Company counters moved by several link changes at once, netted per company (a transaction may touch an item only once). */
export function netContactCounts(tableName: string, tenantId: string, moves: ReadonlyArray<readonly [companyId: string | undefined, delta: number]>): TransactItem[] {
  const net = new Map<string, number>();
  for (const [companyId, delta] of moves) if (companyId !== undefined) net.set(companyId, (net.get(companyId) ?? 0) + delta);
  return [...net].filter(([, delta]) => delta !== 0).map(([companyId, delta]) => contactCount(tableName, tenantId, companyId, delta));
}
