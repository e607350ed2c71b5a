import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ContentionError, NotFoundError, VersionConflictError, type Audited } from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, type TransactItem } from './audited-writer';
import { batchDelete } from './batch-delete';
import { contactCount } from './contact-company-link';
import { openDealCountChange, openDealCountersOf, type OpenDealCounter } from './deal-items';
import { keys, type PrimaryKey } from './keys';
import { queryAll } from './query-all';

/**
 * Items of a contact's partition deleted in the profile's own audited transaction. DynamoDB takes
 * 100 items per transaction; the profile, the company counter and the audit event take three
 * (the completeness totals follow from the stream), and a margin is kept.
 */
export const INLINE_DELETE_LIMIT = 90;
/** Times a delete without a client version re-reads when another write moved the contact meanwhile. */
const ATTEMPTS = 3;

interface DeletionTable {
  client: DynamoDBDocumentClient;
  tableName: string;
  writer: AuditedWriter;
}

/**
 * Deletes a contact with its whole partition: orders, interactions, feedback, behaviour days and
 * the company snapshot, and moves its company's `contactCount` down. Its deals go too (a deal is
 * with this customer): each deal named by a `DEAL#` snapshot is deleted in the same transaction,
 * and the open ones are taken off their pipelines' stage counts.
 *
 * Up to {@link INLINE_DELETE_LIMIT} other items go in the same audited transaction as the profile,
 * so the common case is all or nothing. A larger partition loses its profile, snapshot and counter
 * in that transaction and the rest in batches right after: the contact is gone (404, unlisted) the
 * moment the transaction commits, and what is left has no way to be read. Either way a second,
 * consistent read follows the transaction and deletes whatever is left, which also catches a record
 * added between the first read and the transaction; after the transaction none can be added, since
 * every record write checks the profile in its own transaction.
 *
 * The profile is deleted on the condition that it is still at the version read, so the company
 * counter moved is the one the contact was linked to at that moment.
 */
export async function deleteContactPartition(
  table: DeletionTable,
  tenantId: string,
  contactId: string,
  expectedVersion: number | undefined,
  audit: Audited,
): Promise<void> {
  const profileKey = keys.contact(tenantId, contactId);
  for (let attempt = 1; ; attempt++) {
    const items = await partitionItems(table, tenantId, contactId);
    const profile = items.find((item) => item.sk === profileKey.sk);
    if (!profile) throw new NotFoundError('contact', contactId);
    const version = Number(profile.version);
    if (expectedVersion !== undefined && expectedVersion !== version) throw new VersionConflictError('contact', contactId, expectedVersion, version);

    const snapshotKey = keys.contactCompany(tenantId, contactId);
    const others = items.filter((item) => item !== profile).map(keyOf);
    // The contact's deals go with it (a deal is with this customer): each deal, by its snapshot,
    // and the open ones off their pipelines' counts, all in the profile's transaction.
    const deals = items.filter((item) => String(item.sk).startsWith(keys.contactDealPrefix));
    const inline = others.length + deals.length <= INLINE_DELETE_LIMIT ? others : others.filter((key) => key.sk === snapshotKey.sk || key.sk.startsWith(keys.contactDealPrefix));
    const counters = await openDealCountersOf(table.client, table.tableName, tenantId, deals.filter((deal) => deal.status === 'open').map((deal) => String(deal.pipelineId)));
    const dealChanges = dealDeletions(table.tableName, tenantId, deals, counters);
    const companyId = typeof profile.companyId === 'string' ? profile.companyId : undefined;
    const changes: TransactItem[] = [
      {
        Delete: {
          TableName: table.tableName,
          Key: profileKey,
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': version },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      ...inline.map((key): TransactItem => ({ Delete: { TableName: table.tableName, Key: key } })),
      ...(companyId ? [contactCount(table.tableName, tenantId, companyId, -1)] : []),
      ...dealChanges,
    ];
    try {
      await table.writer.write(tenantId, audit.context, audit.entry, changes);
    } catch (error) {
      if (!(error instanceof ChangeConditionFailedError)) throw error;
      // A deal of the contact moved or closed since it was read: its counts would be wrong; read again.
      if (error.index >= changes.length - dealChanges.length) {
        if (attempt >= ATTEMPTS) throw new ContentionError({ cause: error });
        continue;
      }
      if (error.index !== 0) throw error;
      const current = error.item as { version?: number } | undefined;
      if (!current) throw new NotFoundError('contact', contactId, { cause: error });
      if (expectedVersion !== undefined) throw new VersionConflictError('contact', contactId, expectedVersion, Number(current.version), { cause: error });
      if (attempt >= ATTEMPTS) throw new ContentionError({ cause: error });
      continue;
    }
    await batchDelete(table.client, table.tableName, (await partitionItems(table, tenantId, contactId)).map(keyOf));
    return;
  }
}

/** Every item of the partition: keys, and what the deletion decides on. */
function partitionItems(table: DeletionTable, tenantId: string, contactId: string) {
  return queryAll(table.client, {
    TableName: table.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.contactPartition(tenantId, contactId).pk },
    ProjectionExpression: 'pk, sk, #version, companyId, dealId, pipelineId, stageId, #status',
    ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
    ConsistentRead: true,
  });
}

const keyOf = (item: Record<string, unknown>): PrimaryKey => ({ pk: String(item.pk), sk: String(item.sk) });

/**
 * Deletes the deals whose snapshots are `snapshots`, and takes the open ones off their pipelines'
 * counts: one update per counter item (a deal's shard, or the pipeline item of an older pipeline).
 */
function dealDeletions(tableName: string, tenantId: string, snapshots: Record<string, unknown>[], counters: Map<string, OpenDealCounter>): TransactItem[] {
  const deltas = new Map<string, { pipelineId: string; counter: { kind: OpenDealCounter; dealId: string }; stages: Record<string, number> }>();
  for (const snapshot of snapshots.filter((item) => item.status === 'open')) {
    const pipelineId = String(snapshot.pipelineId);
    const counter = { kind: counters.get(pipelineId) ?? 'sharded', dealId: String(snapshot.dealId) };
    const item = counter.kind === 'sharded' ? keys.pipelineOpenDeals(tenantId, pipelineId, counter.dealId) : keys.pipeline(tenantId, pipelineId);
    const entry = deltas.get(item.pk) ?? { pipelineId, counter, stages: {} };
    entry.stages[String(snapshot.stageId)] = (entry.stages[String(snapshot.stageId)] ?? 0) - 1;
    deltas.set(item.pk, entry);
  }
  return [
    // Each deal as its snapshot says it is (snapshot and deal change in one transaction), so the counts moved are right.
    ...snapshots.map(
      (snapshot): TransactItem => ({
        Delete: {
          TableName: tableName,
          Key: keys.deal(tenantId, String(snapshot.dealId)),
          ConditionExpression: 'attribute_not_exists(pk) OR (#stage = :stage AND #status = :status)',
          ExpressionAttributeNames: { '#stage': 'stageId', '#status': 'status' },
          ExpressionAttributeValues: { ':stage': snapshot.stageId, ':status': snapshot.status },
        },
      }),
    ),
    ...[...deltas.values()]
      .map(({ pipelineId, counter, stages }) => openDealCountChange(tableName, tenantId, pipelineId, stages, counter))
      .filter((change): change is TransactItem => change !== null),
  ];
}
