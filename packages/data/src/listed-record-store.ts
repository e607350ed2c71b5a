import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NotFoundError, type Audited, type Page } from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, staleOrMissing } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import type { PrimaryKey } from './keys';
import { queryAll } from './query-all';

/** A kind of record kept in an item of its own and listed, in creation order, through gsi1. */
export interface ListedRecordKind {
  /** The item's `entity`, and the name a missing or stale record is reported under. */
  entity: string;
  key(tenantId: string, id: string): PrimaryKey;
  listing(tenantId: string, id?: string): { gsi1pk: string; gsi1sk?: string };
}

/**
 * The reads and writes every such record has (webhooks, segments, campaigns): created once,
 * read consistently, paged and listed whole through its listing, replaced under its version and
 * deleted, each write in one transaction with its audit event. Declared once, so the repositories
 * add only what is their own.
 */
export class ListedRecordStore<T extends { id: string; version: number }> {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #tenantId: string;
  readonly #writer: AuditedWriter;
  readonly #kind: ListedRecordKind;

  constructor(options: TableOptions & { writer: AuditedWriter }, tenantId: string, kind: ListedRecordKind) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#writer = options.writer;
    this.#tenantId = tenantId;
    this.#kind = kind;
  }

  /** The record as stored: its keys, its listing and its entity. */
  item(record: T) {
    return { ...this.#kind.key(this.#tenantId, record.id), ...this.#kind.listing(this.#tenantId, record.id), entity: this.#kind.entity, ...record };
  }

  async create(record: T, audit: Audited): Promise<void> {
    await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
      { Put: { TableName: this.#tableName, Item: this.item(record), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  }

  async get(id: string): Promise<T | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: this.#kind.key(this.#tenantId, id), ConsistentRead: true }));
    return Item ? recordOf<T>(Item) : null;
  }

  async list({ limit, afterId }: { limit: number; afterId?: string }): Promise<Page<T>> {
    const result = await this.#client.send(
      new QueryCommand({
        ...this.#listingQuery(),
        Limit: limit,
        ...(afterId === undefined ? {} : { ExclusiveStartKey: { ...this.#kind.key(this.#tenantId, afterId), ...this.#kind.listing(this.#tenantId, afterId) } }),
      }),
    );
    const items = (result.Items ?? []).map((item) => recordOf<T>(item));
    return { items, lastId: result.LastEvaluatedKey ? String(result.LastEvaluatedKey.gsi1sk) : null };
  }

  /** Every record of the tenant, page after page (for readers that need them all: the dispatcher, performance). */
  async listAll(): Promise<T[]> {
    return (await queryAll(this.#client, this.#listingQuery())).map((item) => recordOf<T>(item));
  }

  async replace(next: T, previous: T, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Put: {
            TableName: this.#tableName,
            Item: this.item(next),
            ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': previous.version },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ]);
    } catch (error) {
      throw staleOrMissing(error, this.#kind.entity, next.id, previous.version);
    }
  }

  /** Deletes the record's item (only it: what else its partition holds is the caller's). */
  async delete(id: string, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        { Delete: { TableName: this.#tableName, Key: this.#kind.key(this.#tenantId, id), ConditionExpression: 'attribute_exists(pk)' } },
      ]);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError) throw new NotFoundError(this.#kind.entity, id, { cause: error });
      throw error;
    }
  }

  #listingQuery() {
    return {
      TableName: this.#tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :listing',
      ExpressionAttributeValues: { ':listing': this.#kind.listing(this.#tenantId).gsi1pk },
    };
  }
}
