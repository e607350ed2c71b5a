/**
 * The one table's physical shape. The CDK data stack, the local stack and the tests all create the
 * table from this, so they cannot drift apart.
 */
export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    /** Tenant-scoped listings: every gsi1pk starts with the tenant prefix (see keys.ts). */
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: { type: 'ALL' } },
    /** Lookups by a person or across tenants: a Cognito sub's membership, a user's own contacts, undigested audit objects. */
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: { type: 'ALL' } },
    /** Exact-match lookups on encrypted fields through blind indexes; the items are then read by key. */
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: { type: 'KEYS_ONLY' } },
  ],
  /** Epoch seconds; DynamoDB deletes the item some time after. */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type IndexName = (typeof TABLE_SCHEMA.globalSecondaryIndexes)[number]['indexName'];

/**
 * Days the table's point-in-time recovery reaches back (the CDK data stack sets exactly this, and
 * no other backup of the table exists). A tenant's wrapped data keys live in the table, so once they
 * are crypto-shredded, no restorable copy can decrypt that tenant's data after this many days.
 */
export const BACKUP_RETENTION_DAYS = 35;
