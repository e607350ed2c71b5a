import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NotFoundError, type Audited, type Page, type Segment, type SegmentRepository } from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, staleOrMissing } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';

/** Saved segments of one tenant; every write goes with its audit event. */
export class DynamoSegmentRepository implements SegmentRepository {
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

  #item(segment: Segment) {
    return { ...keys.segment(this.#tenantId, segment.id), ...keys.segmentListing(this.#tenantId, segment.id), entity: 'segment', ...segment };
  }

  async create(segment: Segment, audit: Audited): Promise<void> {
    await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
      { Put: { TableName: this.#tableName, Item: this.#item(segment), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  }

  async get(id: string): Promise<Segment | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.segment(this.#tenantId, id), ConsistentRead: true }));
    return Item ? recordOf<Segment>(Item) : null;
  }

  async list({ limit, afterId }: { limit: number; afterId?: string }): Promise<Page<Segment>> {
    const result = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :listing',
        ExpressionAttributeValues: { ':listing': keys.segmentListing(this.#tenantId).gsi1pk },
        Limit: limit,
        ...(afterId === undefined ? {} : { ExclusiveStartKey: { ...keys.segment(this.#tenantId, afterId), ...keys.segmentListing(this.#tenantId, afterId) } }),
      }),
    );
    const items = (result.Items ?? []).map((item) => recordOf<Segment>(item));
    return { items, lastId: result.LastEvaluatedKey ? String(result.LastEvaluatedKey.gsi1sk) : null };
  }

  async replace(next: Segment, previous: Segment, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Put: {
            TableName: this.#tableName,
            Item: this.#item(next),
            ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': previous.version },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ]);
    } catch (error) {
      throw staleOrMissing(error, 'segment', next.id, previous.version);
    }
  }

  /** Campaigns already launched keep their audiences: those were fixed at launch. */
  async delete(id: string, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        { Delete: { TableName: this.#tableName, Key: keys.segment(this.#tenantId, id), ConditionExpression: 'attribute_exists(pk)' } },
      ]);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError) throw new NotFoundError('segment', id, { cause: error });
      throw error;
    }
  }
}
