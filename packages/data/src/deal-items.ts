import { dealSnapshotOf, type Deal } from '@rapport/domain';
import type { TransactItem } from './audited-writer';
import { keys } from './keys';
import { OPEN_DEALS } from './pipeline-repository';

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
 * Moves a pipeline's open-deal counts by stage (`deltas`: stage id → change). A stage a deal enters
 * must still be in the pipeline (its count exists), so a deal never lands in a removed stage. One
 * update per pipeline: a transaction may touch an item only once.
 */
export function openDealCountChange(tableName: string, tenantId: string, pipelineId: string, deltas: Record<string, number>): TransactItem | null {
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
      Key: keys.pipeline(tenantId, pipelineId),
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
