import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { DataKeyConflictError, KeyNotFoundError, type DataKeyRecord, type DataKeyStore } from '@rapport/crypto';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { queryAll } from './query-all';
import { keys } from './keys';

/** The table, its client, and how hard to retry a shred that DynamoDB throttles. */
export interface DataKeyStoreOptions extends TableOptions {
  /** Unprocessed deletes are retried with exponential backoff from this delay, this many times. */
  unprocessedRetryDelayMs?: number;
  unprocessedRetries?: number;
}

const ENTITY = 'data-key';
/** BatchWriteItem's limit. */
const BATCH_SIZE = 25;

/** Tenants' wrapped data keys: one partition per tenant (`keys.dataKeys`), one item per version. */
export class DynamoDataKeyStore implements DataKeyStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #retryDelayMs: number;
  readonly #retries: number;

  constructor(options: DataKeyStoreOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#retryDelayMs = options.unprocessedRetryDelayMs ?? 50;
    this.#retries = options.unprocessedRetries ?? 8;
  }

  async latest(tenantId: string): Promise<DataKeyRecord | null> {
    // Sort keys are zero-padded versions, so the last one is the highest version.
    const { Items = [] } = await this.#client.send(
      new QueryCommand({ ...this.#partition(tenantId), ScanIndexForward: false, Limit: 1, ConsistentRead: true }),
    );
    return Items[0] ? recordOf<DataKeyRecord>(Items[0]) : null;
  }

  async get(tenantId: string, version: number): Promise<DataKeyRecord | null> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.dataKey(tenantId, version), ConsistentRead: true }),
    );
    return Item ? recordOf<DataKeyRecord>(Item) : null;
  }

  async create(record: DataKeyRecord): Promise<void> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...keys.dataKey(record.tenantId, record.version), entity: ENTITY, ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new DataKeyConflictError(record.tenantId, record.version, { cause: error });
      throw error;
    }
  }

  async list(tenantId: string): Promise<DataKeyRecord[]> {
    const items = await queryAll(this.#client, { ...this.#partition(tenantId), ConsistentRead: true });
    return items.map((item) => recordOf<DataKeyRecord>(item));
  }

  async replaceWrapped(tenantId: string, version: number, wrappedKey: string, masterKeyId: string): Promise<void> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: keys.dataKey(tenantId, version),
          UpdateExpression: 'SET wrappedKey = :wrappedKey, masterKeyId = :masterKeyId',
          // Without the guard, an update would create a key-less item for a version that was shredded.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':wrappedKey': wrappedKey, ':masterKeyId': masterKeyId },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new KeyNotFoundError(tenantId, version, { cause: error });
      throw error;
    }
  }

  async deleteAll(tenantId: string): Promise<number> {
    const items = await queryAll(this.#client, { ...this.#partition(tenantId), ConsistentRead: true, ProjectionExpression: 'pk, sk' });
    for (let start = 0; start < items.length; start += BATCH_SIZE) {
      const deletes = items.slice(start, start + BATCH_SIZE).map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
      await this.#batchWrite({ [this.#tableName]: deletes });
    }
    return items.length;
  }

  #partition(tenantId: string) {
    return {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.dataKeys(tenantId).pk },
    };
  }

  /** DynamoDB may process only part of a batch under load; the rest is retried until none is left, or the retries run out. */
  async #batchWrite(requests: NonNullable<BatchWriteCommandInput['RequestItems']>): Promise<void> {
    let pending = requests;
    for (let attempt = 0; ; attempt++) {
      const { UnprocessedItems } = await this.#client.send(new BatchWriteCommand({ RequestItems: pending }));
      if (!UnprocessedItems || Object.values(UnprocessedItems).every((batch) => batch.length === 0)) return;
      if (attempt >= this.#retries) throw new Error(`DynamoDB left data key deletes unprocessed after ${attempt + 1} attempts`);
      pending = UnprocessedItems;
      await new Promise((resolve) => setTimeout(resolve, this.#retryDelayMs * 2 ** attempt));
    }
  }
}
