import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { MAX_ROW_ERRORS, NotFoundError, VersionConflictError, type Audited, type ChunkResult, type ImportJob, type ImportJobRepository, type RowError } from '@rapport/domain';
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

function chunkResultOf(item: Record<string, unknown>): ChunkResult {
  const { index, end, last, counts, errors } = item as unknown as ChunkResult;
  return { index: Number(index), end: { row: Number(end.row), byte: Number(end.byte) }, last: Boolean(last), counts, errors };
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

  async chunkDone(importId: string, index: number): Promise<ChunkResult | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.importChunk(this.#tenantId, importId, index), ConsistentRead: true }));
    return Item ? chunkResultOf(Item) : null;
  }

  async completeChunk(importId: string, result: ChunkResult): Promise<ImportJob | null> {
    const { counts } = result;
    const chunk = { ...keys.importChunk(this.#tenantId, importId, result.index), entity: 'import-chunk', ...result };
    // The job's counts move by the chunk's in place (ADD), so chunks completing at once do not
    // conflict over a version; the chunk's own item, put only if absent, makes it count once.
    const transaction = new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: this.#tableName, Item: chunk, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Update: {
            TableName: this.#tableName,
            Key: keys.importJob(this.#tenantId, importId),
            UpdateExpression: `ADD #progress.processedRows :processed, #progress.created :created, #progress.skipped :skipped, #progress.failed :failed, errorCount :errors, chunksDone :one${result.last ? ' SET totalChunks = :total, #progress.totalRows = :rows' : ''}`,
            ConditionExpression: '#status = :running',
            ExpressionAttributeNames: { '#progress': 'progress', '#status': 'status' },
            ExpressionAttributeValues: {
              ':processed': counts.processedRows,
              ':created': counts.created,
              ':skipped': counts.skipped,
              ':failed': counts.failed,
              ':errors': counts.errorCount,
              ':one': 1,
              ':running': 'running',
              ...(result.last ? { ':total': result.index + 1, ':rows': result.end.row } : {}),
            },
          },
        },
      ],
    });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#client.send(transaction);
        break;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) return null;
        // Another chunk's transaction held the job item at that moment: nothing was written, so try again.
        if (attempt >= 10 || !reasons.some((reason) => reason.Code === 'TransactionConflict')) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(250, 4 * 2 ** attempt)));
      }
    }
    return this.get(importId);
  }

  async chunkErrors(importId: string): Promise<RowError[]> {
    const errors: RowError[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :chunk)',
          ExpressionAttributeValues: { ':pk': keys.importJob(this.#tenantId, importId).pk, ':chunk': 'CHUNK#' },
          ProjectionExpression: '#errors',
          ExpressionAttributeNames: { '#errors': 'errors' },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) errors.push(...((item.errors as RowError[] | undefined) ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return errors.sort((a, b) => a.row - b.row).slice(0, MAX_ROW_ERRORS);
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
