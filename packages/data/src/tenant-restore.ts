import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DescribeTableCommand,
  GetItemCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { newId, pendingAuditEvent } from '@rapport/domain';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { auditEventItem } from './audit-items';
import { batchDelete } from './batch-delete';
import { keys, type PrimaryKey } from './keys';

type RawItem = Record<string, AttributeValue>;

/** DynamoDB's limits per BatchGetItem and BatchWriteItem. */
const GET_BATCH = 100;
const WRITE_BATCH = 25;

export interface TenantRestoreOptions {
  /** A plain client (not the document client): items are copied as DynamoDB holds them, attribute for attribute. */
  client: DynamoDBClient;
  /** The live table the workspace is restored into. */
  tableName: string;
  /** The restored copy to take the workspace from: a point-in-time restore or a restored backup of the table. */
  sourceTableName: string;
  tenantId: string;
  /** Count what would change and write nothing, not even the audit event. */
  dryRun?: boolean;
  /** Parallel scan segments per table (a whole-table scan is the restore's cost). */
  segments?: number;
  now?: () => Date;
}

export interface TenantRestoreResult {
  dryRun: boolean;
  /** Items put back as the copy holds them (missing from the live table, or different there). */
  put: number;
  /** Items of the workspace the copy does not hold (made after the restore point), deleted. */
  deleted: number;
  unchanged: number;
  /** When the copy was restored to, if DynamoDB says (a point-in-time restore does). */
  restoredTo: string | null;
  /** The `tenant.restored` audit event recording the restore (null on a dry run). */
  auditEventId: string | null;
}

/** A restore refused before anything was written. */
export class TenantRestoreRefusedError extends Error {}

/**
 * Restores one workspace of the live table to the state of a restored copy of the table, without
 * touching any other: every item of the workspace outside the kept partitions
 * ({@link keys.restoreKeptPartitionPrefixes}: the audit trail and the stream-derived analytics) is
 * put back as the copy holds it where it differs, and every such item the copy does not hold is
 * deleted. Items are found by scanning both tables for the workspace's key space (every key leads
 * with the tenant); only keys are held in memory, never the workspace's items.
 *
 * Not a transaction: run it while the workspace is not being written to. Running it again converges
 * (it only writes what still differs), so an interrupted restore is finished by running it again.
 * It ends by writing a `tenant.restored` audit event (with outcome `failure` and the counts so far
 * if it fails), which the integrator chains after the events of what it rolled back.
 */
export async function restoreTenant(options: TenantRestoreOptions): Promise<TenantRestoreResult> {
  const { client, tableName, sourceTableName, tenantId } = options;
  const dryRun = options.dryRun ?? false;
  if (sourceTableName === tableName) throw new TenantRestoreRefusedError('The source table is the live table: restore from a restored copy of it');
  const tenantKey = marshallKey(keys.tenant(tenantId));
  const [inSource, inLive] = await Promise.all(
    [sourceTableName, tableName].map(async (table) => (await client.send(new GetItemCommand({ TableName: table, Key: tenantKey, ConsistentRead: true }))).Item),
  );
  if (!inSource) throw new TenantRestoreRefusedError(`No workspace ${tenantId} in the source table ${sourceTableName}`);
  // An offboarded workspace was crypto-shredded on purpose; restoring it would undo an erasure.
  if (!inLive) throw new TenantRestoreRefusedError(`No workspace ${tenantId} in the live table ${tableName} (offboarded?): a restore never brings an erased workspace back`);
  const restoredTo = await restoreDateOf(client, sourceTableName);

  const counts = { put: 0, deleted: 0, unchanged: 0 };
  const sourceKeys = new Set<string>();
  try {
    await scanWorkspace(client, sourceTableName, tenantId, options.segments, async (items) => {
      for (const item of items) sourceKeys.add(keyString(item));
      for (let start = 0; start < items.length; start += GET_BATCH) {
        const batch = items.slice(start, start + GET_BATCH);
        const live = new Map((await batchGetRaw(client, tableName, batch.map(keyOf))).map((item) => [keyString(item), item]));
        const changed = batch.filter((item) => !isDeepStrictEqual(live.get(keyString(item)), item));
        counts.unchanged += batch.length - changed.length;
        if (!dryRun) await batchPutRaw(client, tableName, changed);
        counts.put += changed.length;
      }
    });
    const documents = documentClientOf(client);
    await scanWorkspace(client, tableName, tenantId, options.segments, async (items) => {
      const extra = items.filter((item) => !sourceKeys.has(keyString(item))).map((item) => ({ pk: item.pk!.S!, sk: item.sk!.S! }));
      if (!dryRun) await batchDelete(documents, tableName, extra);
      counts.deleted += extra.length;
    }, 'pk, sk');
  } catch (error) {
    // Best effort: the restore's own error is what the operator needs, even if this write fails too.
    if (!dryRun) await recordRestore(client, { tableName, tenantId, sourceTableName, restoredTo, counts, outcome: 'failure', now: options.now }).catch(() => undefined);
    throw error;
  }
  const auditEventId = dryRun ? null : await recordRestore(client, { tableName, tenantId, sourceTableName, restoredTo, counts, outcome: 'success', now: options.now });
  return { dryRun, ...counts, restoredTo, auditEventId };
}

/** Writes the restore's audit event, as the request path writes a pending one; the integrator chains it. */
async function recordRestore(
  client: DynamoDBClient,
  input: { tableName: string; tenantId: string; sourceTableName: string; restoredTo: string | null; counts: { put: number; deleted: number; unchanged: number }; outcome: 'success' | 'failure'; now: (() => Date) | undefined },
): Promise<string> {
  const eventId = newId();
  const event = pendingAuditEvent({
    tenantId: input.tenantId,
    eventId,
    time: (input.now?.() ?? new Date()).toISOString(),
    entry: {
      action: 'tenant.restored',
      target: { type: 'tenant', id: input.tenantId },
      outcome: input.outcome,
      details: {
        sourceTable: input.sourceTableName,
        ...(input.restoredTo ? { restoredTo: input.restoredTo } : {}),
        itemsPut: input.counts.put,
        itemsDeleted: input.counts.deleted,
        itemsUnchanged: input.counts.unchanged,
      },
    },
    // An operator's action from outside the API: no user, no request of ours.
    context: { actor: { userId: null, role: null }, requestId: `restore-${randomUUID()}`, sourceIp: null, userAgent: 'restore-tenant' },
  });
  await documentClientOf(client).send(
    new PutCommand({ TableName: input.tableName, Item: auditEventItem(event), ConditionExpression: 'attribute_not_exists(pk)' }),
  );
  return eventId;
}

/**
 * Scans a table for one workspace's items outside the kept partitions, page by page (each page
 * handed to `visit` before the next is read), in parallel segments.
 */
async function scanWorkspace(
  client: DynamoDBClient,
  tableName: string,
  tenantId: string,
  segments = 4,
  visit: (items: RawItem[]) => Promise<void>,
  projection?: string,
): Promise<void> {
  const space = keys.tenantKeySpace(tenantId);
  const kept = keys.restoreKeptPartitionPrefixes(tenantId);
  const filter = `(pk = :tenant OR begins_with(pk, :prefix)) AND ${kept.map((_, index) => `NOT begins_with(pk, :kept${index})`).join(' AND ')}`;
  const values: RawItem = { ':tenant': { S: space.pk }, ':prefix': { S: space.partitionPrefix } };
  kept.forEach((prefix, index) => (values[`:kept${index}`] = { S: prefix }));
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let startKey: RawItem | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: tableName,
            Segment: segment,
            TotalSegments: segments,
            FilterExpression: filter,
            ExpressionAttributeValues: values,
            ConsistentRead: true,
            ...(projection ? { ProjectionExpression: projection } : {}),
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        if (page.Items?.length) await visit(page.Items);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }),
  );
}

/** The items under these keys, as stored, retrying what DynamoDB leaves unprocessed. */
async function batchGetRaw(client: DynamoDBClient, tableName: string, itemKeys: RawItem[]): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let request = itemKeys;
  for (let attempt = 0; request.length > 0; attempt++) {
    if (attempt > 0) await backOff(attempt);
    const result = await client.send(new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: request, ConsistentRead: true } } }));
    items.push(...(result.Responses?.[tableName] ?? []));
    request = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
  }
  return items;
}

/** Puts items exactly as given, retrying what DynamoDB leaves unprocessed. */
async function batchPutRaw(client: DynamoDBClient, tableName: string, items: RawItem[]): Promise<void> {
  for (let start = 0; start < items.length; start += WRITE_BATCH) {
    let requests = items.slice(start, start + WRITE_BATCH).map((item) => ({ PutRequest: { Item: item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await backOff(attempt);
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

/** When a point-in-time restore restored the copy to; DynamoDB Local (and a table that is no restore) says nothing. */
async function restoreDateOf(client: DynamoDBClient, tableName: string): Promise<string | null> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return Table?.RestoreSummary?.RestoreDateTime?.toISOString() ?? null;
}

const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
const marshallKey = (key: PrimaryKey): RawItem => ({ pk: { S: key.pk }, sk: { S: key.sk } });
const keyOf = (item: RawItem): RawItem => ({ pk: item.pk!, sk: item.sk! });
const keyString = (item: RawItem) => `${item.pk!.S}\u0000${item.sk!.S}`;
const documentClientOf = (client: DynamoDBClient) => DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
