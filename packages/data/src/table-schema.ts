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
    /** Identity lookups that run before the tenant is known (see keys.ts). */
    {
      indexName: 'gsi2',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      // Only what is needed to read the record itself, which is then read from the table.
      projection: { type: 'INCLUDE', attributes: ['tenantId', 'userId'] },
    },
  ],
  /** Epoch seconds; DynamoDB deletes the item some time after. */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type IndexName = (typeof TABLE_SCHEMA.globalSecondaryIndexes)[number]['indexName'];
