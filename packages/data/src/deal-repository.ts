import { BatchGetCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  InvalidInputError,
  NotALeadError,
  NotFoundError,
  VersionConflictError,
  type Audited,
  type Deal,
  type DealListOptions,
  type DealRepository,
  type LeadConversion,
  type Page,
} from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, staleOrMissing, type TransactItem } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { contactDealItem, dealItem, openDealCountChange, openDealCounterOf, openDealDeltas } from './deal-items';
import { recordOf } from './items';
import { keys, type PrimaryKey } from './keys';
import { queryAll } from './query-all';

/** Index pages a filtered list may read before it answers with what it found (and a cursor). */
const MAX_FILTERED_PAGES = 10;
/** BatchGetItem takes 100 keys. */
const BATCH_GET = 100;

/**
 * Deals of one tenant. Every write is one audited transaction: the deal, its snapshot in the
 * contact's partition, and the deal's shard of the pipeline's open-deal counts (see
 * DynamoPipelineRepository).
 */
export class DynamoDealRepository implements DealRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #tenantId: string;
  readonly #writer: AuditedWriter;

  constructor(options: TableOptions & { writer: AuditedWriter }, tenantId: string) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#writer = options.writer;
    this.#tenantId = tenantId;
  }

  async create(deal: Deal, audit: Audited, conversion?: LeadConversion): Promise<void> {
    const contactKey = keys.contact(this.#tenantId, deal.contactId);
    const contactChange: TransactItem = conversion
      ? {
          Update: {
            TableName: this.#tableName,
            Key: contactKey,
            UpdateExpression: 'SET #stage = :prospect, #version = #version + :one, #updatedAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND #version = :version AND #stage = :lead',
            ExpressionAttributeNames: { '#stage': 'lifecycleStage', '#version': 'version', '#updatedAt': 'updatedAt' },
            ExpressionAttributeValues: { ':prospect': 'prospect', ':lead': 'lead', ':one': 1, ':now': conversion.updatedAt, ':version': conversion.version },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        }
      : { ConditionCheck: { TableName: this.#tableName, Key: contactKey, ConditionExpression: 'attribute_exists(pk)' } };
    const changes: TransactItem[] = [
      contactChange,
      { Put: { TableName: this.#tableName, Item: dealItem(this.#tenantId, deal), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.#tableName, Item: contactDealItem(this.#tenantId, deal) } },
      openDealCountChange(this.#tableName, this.#tenantId, deal.pipelineId, openDealDeltas(undefined, deal), await this.#counter(deal))!,
    ];
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, changes);
    } catch (error) {
      if (!(error instanceof ChangeConditionFailedError)) throw error;
      if (error.index === 3) throw new InvalidInputError('stageId', 'is no longer a stage of the pipeline');
      const contact = error.item as { version?: number; lifecycleStage?: string } | undefined;
      if (!conversion || !contact) throw new NotFoundError('contact', deal.contactId, { cause: error });
      if (contact.lifecycleStage !== 'lead') throw new NotALeadError(deal.contactId, contact.lifecycleStage);
      throw new VersionConflictError('contact', deal.contactId, conversion.version, Number(contact.version), { cause: error });
    }
  }

  async get(id: string): Promise<Deal | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.deal(this.#tenantId, id), ConsistentRead: true }));
    return Item ? recordOf<Deal>(Item) : null;
  }

  /**
   * In creation order through gsi1, or gsi2 for one owner; the other filters are applied by
   * DynamoDB to each index page, so several may be read to fill one, at most
   * {@link MAX_FILTERED_PAGES}, after which a shorter page comes with a cursor.
   */
  async list({ limit, afterId, ownerId, pipelineId, stageId, status }: DealListOptions): Promise<Page<Deal>> {
    const byOwner = ownerId !== undefined;
    const listing = byOwner ? keys.dealOwnerListing(this.#tenantId, ownerId).gsi2pk : keys.dealListing(this.#tenantId).gsi1pk;
    const filters = Object.entries({ pipelineId, stageId, status }).filter(([, value]) => value !== undefined) as [string, string][];
    const items: Deal[] = [];
    let startKey: Record<string, unknown> | undefined =
      afterId === undefined
        ? undefined
        : { ...keys.deal(this.#tenantId, afterId), ...(byOwner ? keys.dealOwnerListing(this.#tenantId, ownerId, afterId) : keys.dealListing(this.#tenantId, afterId)) };
    for (let page = 0; page < MAX_FILTERED_PAGES && items.length < limit; page++) {
      const result = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: byOwner ? 'gsi2' : 'gsi1',
          KeyConditionExpression: `${byOwner ? 'gsi2pk' : 'gsi1pk'} = :listing`,
          ExpressionAttributeValues: { ':listing': listing, ...Object.fromEntries(filters.map(([field, value]) => [`:${field}`, value])) },
          ...(filters.length > 0
            ? { FilterExpression: filters.map(([field]) => `#${field} = :${field}`).join(' AND '), ExpressionAttributeNames: Object.fromEntries(filters.map(([field]) => [`#${field}`, field])) }
            : {}),
          Limit: limit - items.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(result.Items ?? []).map((item) => recordOf<Deal>(item)));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    return { items, lastId: startKey ? String(byOwner ? startKey.gsi2sk : startKey.gsi1sk).split('#').pop()! : null };
  }

  async replace(next: Deal, previous: Deal, audit: Audited): Promise<void> {
    const deltas = openDealDeltas(previous, next);
    const counts = Object.keys(deltas).length > 0 ? openDealCountChange(this.#tableName, this.#tenantId, next.pipelineId, deltas, await this.#counter(next)) : null;
    const changes: TransactItem[] = [
      {
        Put: {
          TableName: this.#tableName,
          Item: dealItem(this.#tenantId, next),
          ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': previous.version },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { Put: { TableName: this.#tableName, Item: contactDealItem(this.#tenantId, next) } },
      ...(counts ? [counts] : []),
    ];
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, changes);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError && error.index === 2) throw new InvalidInputError('stageId', 'is no longer a stage of the pipeline');
      throw staleOrMissing(error, 'deal', next.id, previous.version);
    }
  }

  async delete(deal: Deal, expectedVersion: number | undefined, audit: Audited): Promise<void> {
    const deltas = openDealDeltas(deal, undefined);
    const counts = Object.keys(deltas).length > 0 ? openDealCountChange(this.#tableName, this.#tenantId, deal.pipelineId, deltas, await this.#counter(deal)) : null;
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Delete: {
            TableName: this.#tableName,
            Key: keys.deal(this.#tenantId, deal.id),
            // The version read, so the counts moved are those of the deal as it is.
            ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': deal.version },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        { Delete: { TableName: this.#tableName, Key: keys.contactDeal(this.#tenantId, deal.contactId, deal.id) } },
        ...(counts ? [counts] : []),
      ]);
    } catch (error) {
      throw staleOrMissing(error, 'deal', deal.id, expectedVersion ?? deal.version);
    }
  }

  /** Where the deal's open-deal count moves: its shard of the pipeline's counts, or the pipeline item of an older pipeline. */
  async #counter(deal: Deal) {
    return { kind: await openDealCounterOf(this.#client, this.#tableName, this.#tenantId, deal.pipelineId), dealId: deal.id };
  }

  openClosingIn(pipelineId: string, range: { from: string; to: string }, ownerId?: string): Promise<Deal[]> {
    return this.#forecastListing(pipelineId, 'OPEN', range, ownerId);
  }

  wonIn(pipelineId: string, range: { from: string; to: string }, ownerId?: string): Promise<Deal[]> {
    return this.#forecastListing(pipelineId, 'WON', range, ownerId);
  }

  /**
   * gsi3 holds keys only: one Query of the range (a page per 1 MB of keys), then the deals by
   * BatchGetItem, 100 a call. The cost is the deals in range, nothing else.
   */
  async #forecastListing(pipelineId: string, outcome: 'OPEN' | 'WON', range: { from: string; to: string }, ownerId?: string): Promise<Deal[]> {
    const { low, high } = keys.dealForecastRange(range.from, range.to);
    const listed = await queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :listing AND gsi3sk BETWEEN :low AND :high',
      ExpressionAttributeValues: { ':listing': keys.dealForecastListing(this.#tenantId, pipelineId, outcome).gsi3pk, ':low': low, ':high': high },
    });
    const deals: Deal[] = [];
    const dealKeys: PrimaryKey[] = listed.map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
    for (let start = 0; start < dealKeys.length; start += BATCH_GET) {
      let request: PrimaryKey[] = dealKeys.slice(start, start + BATCH_GET);
      for (let attempt = 0; request.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        const result = await this.#client.send(new BatchGetCommand({ RequestItems: { [this.#tableName]: { Keys: request } } }));
        deals.push(...(result.Responses?.[this.#tableName] ?? []).map((item) => recordOf<Deal>(item)));
        request = (result.UnprocessedKeys?.[this.#tableName]?.Keys ?? []) as PrimaryKey[];
      }
    }
    return deals.filter((deal) => ownerId === undefined || deal.ownerId === ownerId);
  }
}
