import { BatchWriteCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ConversionExistsError,
  NotFoundError,
  type Audited,
  type Campaign,
  type CampaignConversion,
  type CampaignRepository,
  type Page,
} from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError } from './audited-writer';
import { batchDelete } from './batch-delete';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';
import { ListedRecordStore } from './listed-record-store';
import { queryAll } from './query-all';

/** Contact ids per audience chunk: 1000 ULIDs are about 30 KB, well under the 400 KB item limit. */
export const AUDIENCE_CHUNK_SIZE = 1000;
/** The `entity` of conversion items (analytics reads them from the stream). */
export const CONVERSION_ENTITY = 'campaign-conversion';

/** Campaigns of one tenant, their fixed audiences and their conversions, all in the campaign's partition. */
export class DynamoCampaignRepository implements CampaignRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #tenantId: string;
  readonly #writer: AuditedWriter;
  readonly #store: ListedRecordStore<Campaign>;

  constructor(options: TableOptions & { writer: AuditedWriter }, tenantId: string) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#writer = options.writer;
    this.#tenantId = tenantId;
    this.#store = new ListedRecordStore(options, tenantId, { entity: 'campaign', key: keys.campaign, listing: keys.campaignListing });
  }

  create(campaign: Campaign, audit: Audited): Promise<void> {
    return this.#store.create(campaign, audit);
  }

  get(id: string): Promise<Campaign | null> {
    return this.#store.get(id);
  }

  list(page: { limit: number; afterId?: string }): Promise<Page<Campaign>> {
    return this.#store.list(page);
  }

  listAll(): Promise<Campaign[]> {
    return this.#store.listAll();
  }

  replace(next: Campaign, previous: Campaign, audit: Audited): Promise<void> {
    return this.#store.replace(next, previous, audit);
  }

  /**
   * The campaign item goes with its audit event; its audience chunks and conversions follow, in
   * batches. A campaign without its audience would be broken, so the children go second: should
   * that step fail, what stays is ids only (no personal values) in a partition no listing names.
   */
  async delete(id: string, audit: Audited): Promise<void> {
    const children = (
      await queryAll(this.#client, {
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.campaignPartition(this.#tenantId, id).pk },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
      })
    ).filter((item) => item.sk !== keys.campaign(this.#tenantId, id).sk);
    await this.#store.delete(id, audit);
    await batchDelete(this.#client, this.#tableName, children.map((item) => ({ pk: String(item.pk), sk: String(item.sk) })));
  }

  async writeAudience(campaignId: string, launchId: string, contactIds: string[]): Promise<void> {
    const sorted = [...contactIds].sort();
    const chunks: string[][] = [];
    for (let start = 0; start < sorted.length; start += AUDIENCE_CHUNK_SIZE) chunks.push(sorted.slice(start, start + AUDIENCE_CHUNK_SIZE));
    // 25 puts per batch; with 30 KB chunks a batch stays under BatchWriteItem's 16 MB.
    for (let start = 0; start < chunks.length; start += 25) {
      let requests = chunks.slice(start, start + 25).map((ids) => ({
        PutRequest: { Item: { ...keys.campaignAudienceChunk(this.#tenantId, campaignId, launchId, ids[0]!), entity: 'campaign-audience', campaignId, launchId, contactIds: ids } },
      }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        const result = await this.#client.send(new BatchWriteCommand({ RequestItems: { [this.#tableName]: requests } }));
        requests = (result.UnprocessedItems?.[this.#tableName] ?? []) as typeof requests;
      }
    }
  }

  async isAudienceMember(campaignId: string, launchId: string, contactId: string): Promise<boolean> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :upTo',
        ExpressionAttributeValues: {
          ':pk': keys.campaignPartition(this.#tenantId, campaignId).pk,
          ':first': keys.campaignAudiencePrefix(launchId),
          ':upTo': keys.campaignAudienceChunk(this.#tenantId, campaignId, launchId, contactId).sk,
        },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const chunk = Items[0] as { contactIds?: string[] } | undefined;
    return chunk?.contactIds?.includes(contactId) ?? false;
  }

  async recordConversion(conversion: CampaignConversion, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Put: {
            TableName: this.#tableName,
            Item: { ...keys.campaignConversion(this.#tenantId, conversion.campaignId, conversion.contactId), entity: CONVERSION_ENTITY, ...conversion },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          // The counters move with the conversion; the version too, so a PATCH read before cannot put back older counters.
          Update: {
            TableName: this.#tableName,
            Key: keys.campaign(this.#tenantId, conversion.campaignId),
            UpdateExpression: 'ADD conversions :one, conversionValueMinor :value, version :one',
            ConditionExpression: 'attribute_exists(pk) AND #status <> :draft',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':one': 1, ':value': conversion.valueMinor ?? 0, ':draft': 'draft' },
          },
        },
      ]);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError && error.index === 0) throw new ConversionExistsError(conversion.campaignId, conversion.contactId, { cause: error });
      if (error instanceof ChangeConditionFailedError) throw new NotFoundError('campaign', conversion.campaignId, { cause: error });
      throw error;
    }
  }

  async getConversion(campaignId: string, contactId: string): Promise<CampaignConversion | null> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.campaignConversion(this.#tenantId, campaignId, contactId), ConsistentRead: true }),
    );
    return Item ? recordOf<CampaignConversion>(Item) : null;
  }

  async findOrder(contactId: string, orderId: string): Promise<{ amountMinor: number; currency: string; time: string } | null> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: keys.contactRecord(this.#tenantId, contactId, 'TXN', orderId),
        ProjectionExpression: 'amountMinor, currency, #time',
        ExpressionAttributeNames: { '#time': 'time' },
      }),
    );
    return Item ? { amountMinor: Number(Item.amountMinor), currency: String(Item.currency), time: String(Item.time) } : null;
  }
}
