import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { NotFoundError, VersionConflictError, type Audited, type ImportJob, type ImportJobRepository } from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';

/**
 * A job's table item: its key and listing, then the job. The job's `entity` (what it imports) is
 * stored as `importOf`: `entity` is the item's own type attribute, which every item has.
 */
export function importJobItem(tenantId: string, job: ImportJob): Record<string, unknown> {
  const { entity, ...rest } = job;
  return { ...keys.importJob(tenantId, job.id), ...keys.importJobListing(tenantId, job.id), entity: 'import-job', ...rest, importOf: entity };
}

function importJobOf(item: Record<string, unknown>): ImportJob {
  const { importOf, ...rest } = recordOf<Omit<ImportJob, 'entity'> & { importOf: ImportJob['entity'] }>(item);
  return { ...rest, entity: importOf };
}

/** The condition that a stored job is still at the version a write read it at. */
export function importJobVersionCondition(expectedVersion: number) {
  return {
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': expectedVersion },
  };
}

/** Import jobs of one tenant. */
export class DynamoImportJobRepository implements ImportJobRepository {
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

  async create(job: ImportJob, audit: Audited): Promise<void> {
    await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
      { Put: { TableName: this.#tableName, Item: importJobItem(this.#tenantId, job), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  }

  async get(id: string): Promise<ImportJob | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.importJob(this.#tenantId, id), ConsistentRead: true }));
    return Item ? importJobOf(Item) : null;
  }

  async claimSeenValue(importId: string, claim: { runId: string; field: string; blindIndex: string; row: number }): Promise<number> {
    const key = keys.importSeenValue(this.#tenantId, importId, claim.runId, claim.field, claim.blindIndex);
    try {
      await this.#client.send(
        new PutCommand({ TableName: this.#tableName, Item: { ...key, entity: 'import-seen', row: claim.row }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return claim.row;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Claimed before: by an earlier row, or by this same row in a chunk that crashed before its checkpoint moved.
      const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: key, ConsistentRead: true }));
      return Number(Item?.row ?? claim.row);
    }
  }

  async claimSeenPerson(importId: string, claim: { runId: string; blindIndex: string; row: number; sealed: string }): Promise<{ row: number; sealed: string }> {
    const key = keys.importSeenValue(this.#tenantId, importId, claim.runId, 'name-block', claim.blindIndex);
    try {
      await this.#client.send(
        new PutCommand({ TableName: this.#tableName, Item: { ...key, entity: 'import-seen', row: claim.row, person: claim.sealed }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return { row: claim.row, sealed: claim.sealed };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Claimed before: by an earlier row, or by this same row in a chunk that crashed before its checkpoint moved.
      const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: key, ConsistentRead: true }));
      return Item ? { row: Number(Item.row), sealed: String(Item.person) } : { row: claim.row, sealed: claim.sealed };
    }
  }

  async replace(next: ImportJob, expectedVersion: number, audit?: Audited): Promise<void> {
    const put = { TableName: this.#tableName, Item: importJobItem(this.#tenantId, next), ...importJobVersionCondition(expectedVersion) };
    try {
      if (audit) await this.#writer.write(this.#tenantId, audit.context, audit.entry, [{ Put: put }]);
      else await this.#client.send(new PutCommand(put));
    } catch (error) {
      if (error instanceof ChangeConditionFailedError || error instanceof ConditionalCheckFailedException) {
        const current = await this.get(next.id);
        if (!current) throw new NotFoundError('import', next.id, { cause: error });
        throw new VersionConflictError('import', next.id, expectedVersion, current.version, { cause: error });
      }
      throw error;
    }
  }
}
