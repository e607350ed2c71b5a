import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { IMPORT_ENTITIES, type TenantEraser } from '@rapport/domain';
import type { TableOptions } from './contact-repository';
import { keys, type PrimaryKey } from './keys';
import { queryAll } from './query-all';
import { roleNameHash } from './role-repository';

const BATCH = 25;

/**
 * Deletes every item of a tenant, found through its listings (never a scan): each contact's whole
 * partition, each webhook's (with its delivery log), companies, users, invitations, custom roles and their name claims,
 * custom field definitions, ingest keys and the counts of bounded kinds, data keys, import jobs and row claims, segments, campaigns (with their audiences and conversions),
 * tickets, surveys and the SLA policy, the insights run and rules, tasks, the tenant itself and its rate counters, and last the analytics'
 * aggregates and projector state and the completeness totals. The audit partition stays:
 * it records actions, never personal values, and the
 * archive it feeds is write-once anyway.
 */
export class DynamoTenantEraser implements TenantEraser {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(options: TableOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async erase(tenantId: string): Promise<{ itemsDeleted: number }> {
    const listed = (gsi1pk: string) =>
      queryAll(this.#client, {
        TableName: this.#tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :listing',
        ExpressionAttributeValues: { ':listing': gsi1pk },
      });
    const partition = (pk: string) =>
      queryAll(this.#client, {
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
      });
    const keyOf = (item: Record<string, unknown>): PrimaryKey => ({ pk: String(item.pk), sk: String(item.sk) });

    let deleted = 0;
    for (const contact of await listed(keys.contactListing(tenantId).gsi1pk)) {
      deleted += await this.#delete((await partition(String(contact.pk))).map(keyOf));
    }
    // A webhook's partition holds its delivery log too.
    for (const webhook of await listed(keys.webhookListing(tenantId).gsi1pk)) {
      deleted += await this.#delete((await partition(String(webhook.pk))).map(keyOf));
    }
    const roles = await listed(keys.roleListing(tenantId).gsi1pk);
    deleted += await this.#delete([
      ...(await listed(keys.companyListing(tenantId).gsi1pk)).map(keyOf),
      ...roles.map(keyOf),
      ...roles.map((role) => keys.roleName(tenantId, roleNameHash(String(role.name)))),
      ...(await listed(keys.inviteListing(tenantId).gsi1pk)).map(keyOf),
      ...(await listed(keys.membershipListing(tenantId).gsi1pk)).map(keyOf),
      ...(await partition(keys.dataKeys(tenantId).pk)).map(keyOf),
      ...(await partition(keys.fieldPartition(tenantId).pk)).map(keyOf),
      // Ingest keys (so their secrets stop finding the workspace) and the counts of bounded kinds (roles, ingest keys).
      ...(await listed(keys.ingestKeyListing(tenantId).gsi1pk)).map(keyOf),
      ...(await partition(keys.workspaceCount(tenantId, 'ROLES').pk)).map(keyOf),
      // Deals (their snapshots went with the contacts' partitions) and pipelines with their count shards.
      ...(await listed(keys.dealListing(tenantId).gsi1pk)).map(keyOf),
      ...(await listed(keys.pipelineListing(tenantId).gsi1pk)).flatMap((pipeline) => [keyOf(pipeline), ...keys.pipelineOpenDealShards(tenantId, String(pipeline.id))]),
    ]);
    // Import jobs with their partitions (a dry run's seen-value claims), and the claims of imported rows (fingerprints only, in their own partitions).
    for (const job of await listed(keys.importJobListing(tenantId).gsi1pk)) {
      deleted += await this.#delete((await partition(String(job.pk))).map(keyOf));
    }
    for (const entity of IMPORT_ENTITIES) {
      for (const pk of keys.importRowClaimPartitions(tenantId, entity)) deleted += await this.#delete((await partition(pk)).map(keyOf));
    }
    // Segments; campaigns with their partitions (audience chunks, conversions).
    deleted += await this.#delete((await listed(keys.segmentListing(tenantId).gsi1pk)).map(keyOf));
    for (const campaign of await listed(keys.campaignListing(tenantId).gsi1pk)) {
      deleted += await this.#delete((await partition(String(campaign.pk))).map(keyOf));
    }
    // Tickets with their replies, each one's 360 snapshot (gone with its contact already, unless a
    // merge left it behind), survey requests and the SLA policy.
    for (const ticket of await listed(keys.ticketListing(tenantId).gsi1pk)) {
      const snapshot = typeof ticket.contactId === 'string' ? [keys.contactTicket(tenantId, ticket.contactId, String(ticket.id))] : [];
      deleted += await this.#delete([...(await partition(String(ticket.pk))).map(keyOf), ...snapshot]);
    }
    deleted += await this.#delete([...(await listed(keys.surveyListing(tenantId).gsi1pk)).map(keyOf), keys.slaPolicy(tenantId)]);
    // The insights run item and the association rules (customers' scores went with their partitions).
    deleted += await this.#delete((await partition(keys.insightsPartition(tenantId).pk)).map(keyOf));
    // Tasks, open and done; a reminder still scheduled for one finds no task and does nothing.
    for (const status of ['open', 'done'] as const) deleted += await this.#delete((await listed(keys.taskListing(tenantId, status).gsi1pk)).map(keyOf));
    deleted += await this.#delete([keys.tenant(tenantId)]);
    // The rate counters (counts only; they expire on their own within minutes, but nothing of the workspace is left behind).
    for (const pk of keys.rateCounterPartitions(tenantId)) deleted += await this.#delete((await partition(pk)).map(keyOf));
    // The analytics and the completeness totals (shards and delivery markers) after the tenant: the
    // stream projector skips a tenant that is gone, so the removals the erasure itself streams
    // cannot write them back once they are deleted.
    const completeness = keys.contactCompletenessShards(tenantId).map((shard) => shard.pk);
    for (const pk of [keys.analyticsCellPartition(tenantId).pk, ...keys.analyticsStatePartitions(tenantId), ...completeness]) {
      deleted += await this.#delete((await partition(pk)).map(keyOf));
    }
    return { itemsDeleted: deleted };
  }

  /** Batch deletes, retrying what DynamoDB leaves unprocessed. */
  async #delete(itemKeys: PrimaryKey[]): Promise<number> {
    for (let start = 0; start < itemKeys.length; start += BATCH) {
      let requests = itemKeys.slice(start, start + BATCH).map((key) => ({ DeleteRequest: { Key: key } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        const result = await this.#client.send(new BatchWriteCommand({ RequestItems: { [this.#tableName]: requests } }));
        requests = (result.UnprocessedItems?.[this.#tableName] ?? []) as typeof requests;
      }
    }
    return itemKeys.length;
  }
}
