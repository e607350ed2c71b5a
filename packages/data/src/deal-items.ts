import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dealSnapshotOf, type Deal } from '@rapport/domain';
import type { TransactItem } from './audited-writer';
import { batchGetAll } from './batch-get-all';
import { keys } from './keys';
import { COUNTS_SHARDED, OPEN_DEALS } from './pipeline-repository';

/** A deal's table item: its keys, its listings (by tenant, owner, and outcome for the forecast), then the deal. */
export function dealItem(tenantId: string, deal: Deal): Record<string, unknown> {
  const forecast =
    deal.status === 'open'
      ? keys.dealForecastListing(tenantId, deal.pipelineId, 'OPEN', { date: deal.expectedCloseDate, dealId: deal.id })
      : deal.status === 'won' && deal.closedAt
        ? keys.dealForecastListing(tenantId, deal.pipelineId, 'WON', { date: deal.closedAt, dealId: deal.id })
        : {};
  return {
    ...keys.deal(tenantId, deal.id),
    ...keys.dealListing(tenantId, deal.id),
    ...keys.dealOwnerListing(tenantId, deal.ownerId, deal.id),
    ...forecast,
    entity: 'deal',
    ...deal,
  };
}

/** The deal's snapshot in its contact's partition (entity `contact-deal`). */
export function contactDealItem(tenantId: string, deal: Deal): Record<string, unknown> {
  return { ...keys.contactDeal(tenantId, deal.contactId, deal.id), entity: 'contact-deal', contactId: deal.contactId, ...dealSnapshotOf(deal) };
}

/**
 * Where a pipeline's open-deal counts live: in 16 shards (`sharded`, every pipeline created since
 * the shards), or on the pipeline item itself (pipelines created before). It never changes.
 */
export type OpenDealCounter = 'sharded' | 'pipeline';

/** Which counter a pipeline uses, read consistently (a pipeline just created is found). */
export async function openDealCounterOf(client: DynamoDBDocumentClient, tableName: string, tenantId: string, pipelineId: string): Promise<OpenDealCounter> {
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: keys.pipeline(tenantId, pipelineId), ProjectionExpression: '#sharded', ExpressionAttributeNames: { '#sharded': COUNTS_SHARDED }, ConsistentRead: true }),
  );
  return Item && Item[COUNTS_SHARDED] !== true ? 'pipeline' : 'sharded';
}

/** {@link openDealCounterOf} for several pipelines at once (one consistent BatchGet). */
export async function openDealCountersOf(client: DynamoDBDocumentClient, tableName: string, tenantId: string, pipelineIds: readonly string[]): Promise<Map<string, OpenDealCounter>> {
  const unique = [...new Set(pipelineIds)];
  const found = await batchGetAll(client, tableName, unique.map((id) => keys.pipeline(tenantId, id)), { consistentRead: true });
  const legacy = new Set(found.filter((item) => item[COUNTS_SHARDED] !== true).map((item) => String(item.id)));
  return new Map(unique.map((id) => [id, legacy.has(id) ? 'pipeline' : 'sharded']));
}

/**
 * Moves a pipeline's open-deal counts by stage (`deltas`: stage id → change), in the shard of the
 * deal `dealId` or, for a pipeline counting on its own item, there. A stage a deal enters must
 * still be in the counter (its count exists), so a deal never lands in a removed stage. One
 * update per counter item: a transaction may touch an item only once.
 */
export function openDealCountChange(
  tableName: string,
  tenantId: string,
  pipelineId: string,
  deltas: Record<string, number>,
  counter: { kind: OpenDealCounter; dealId: string },
): TransactItem | null {
  const moved = Object.entries(deltas).filter(([, delta]) => delta !== 0);
  if (moved.length === 0) return null;
  const names: Record<string, string> = { '#open': OPEN_DEALS };
  const values: Record<string, number> = {};
  const set: string[] = [];
  const conditions: string[] = ['attribute_exists(pk)'];
  moved.forEach(([stageId, delta], index) => {
    names[`#s${index}`] = stageId;
    values[`:d${index}`] = delta;
    set.push(`#open.#s${index} = #open.#s${index} + :d${index}`);
    if (delta > 0) conditions.push(`attribute_exists(#open.#s${index})`);
  });
  return {
    Update: {
      TableName: tableName,
      Key: counter.kind === 'sharded' ? keys.pipelineOpenDeals(tenantId, pipelineId, counter.dealId) : keys.pipeline(tenantId, pipelineId),
      UpdateExpression: `SET ${set.join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** How a change from `previous` to `next` (either absent) moves the open-deal counts of one pipeline. */
export function openDealDeltas(previous: Deal | undefined, next: Deal | undefined): Record<string, number> {
  const deltas: Record<string, number> = {};
  if (previous?.status === 'open') deltas[previous.stageId] = (deltas[previous.stageId] ?? 0) - 1;
  if (next?.status === 'open') deltas[next.stageId] = (deltas[next.stageId] ?? 0) + 1;
  return deltas;
}
