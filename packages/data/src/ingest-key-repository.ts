import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NotFoundError, WORKSPACE_LIMITS, WorkspaceLimitError, type Audited, type IngestKey, type IngestKeyLookup, type IngestKeyRepository } from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';
import { queryAll } from './query-all';
import { countOneLess, countOneMore } from './workspace-counts';

/** Ingest keys of one tenant. */
export class DynamoIngestKeyRepository implements IngestKeyRepository {
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

  async create(key: IngestKey, audit: Audited): Promise<void> {
    await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
      {
        Put: {
          TableName: this.#tableName,
          Item: {
            ...keys.ingestKey(this.#tenantId, key.id),
            ...keys.ingestKeyListing(this.#tenantId, key.id),
            ...keys.ingestKeyBySecret(key.secretHash),
            entity: 'ingest-key',
            ...key,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      countOneMore(this.#tableName, this.#tenantId, 'INGEST_KEYS', WORKSPACE_LIMITS.ingestKeys),
    ]).catch((error: unknown) => {
      if (error instanceof ChangeConditionFailedError && error.index === 1) throw new WorkspaceLimitError('ingest keys', WORKSPACE_LIMITS.ingestKeys);
      throw error;
    });
  }

  async list(): Promise<IngestKey[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :listing',
      ExpressionAttributeValues: { ':listing': keys.ingestKeyListing(this.#tenantId).gsi1pk },
    });
    return items.map((item) => recordOf<IngestKey>(item));
  }

  async delete(keyId: string, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        { Delete: { TableName: this.#tableName, Key: keys.ingestKey(this.#tenantId, keyId), ConditionExpression: 'attribute_exists(pk)' } },
        countOneLess(this.#tableName, this.#tenantId, 'INGEST_KEYS'),
      ]);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError && error.index === 0) throw new NotFoundError('ingest key', keyId, { cause: error });
      throw error;
    }
  }
}

/** Finds an ingest key by the hash of the secret a request presents. */
export class DynamoIngestKeyLookup implements IngestKeyLookup {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(options: TableOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async findBySecretHash(secretHash: string): Promise<IngestKey | null> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :secret',
        ExpressionAttributeValues: { ':secret': keys.ingestKeyBySecret(secretHash).gsi2pk },
        Limit: 1,
      }),
    );
    return Items[0] ? recordOf<IngestKey>(Items[0]) : null;
  }
}
