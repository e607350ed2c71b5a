import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StageInUseError, type Audited, type Page, type Pipeline, type PipelineRepository } from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, staleOrMissing } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';

/** The pipeline item's attribute counting open deals per stage id (moved by the deal writes, in their transactions). */
export const OPEN_DEALS = 'openDeals';

/**
 * Pipelines of one tenant. The item keeps `openDeals`, a map from stage id to its count of open
 * deals: every deal write moves it in its own transaction, on the condition that the stage is
 * still in the map. So removing a stage (conditional on its count being 0) and putting a deal in
 * it are serialised: a stage with open deals is never removed, a deal never lands in a removed stage.
 */
export class DynamoPipelineRepository implements PipelineRepository {
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

  async create(pipeline: Pipeline, audit: Audited): Promise<boolean> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Put: {
            TableName: this.#tableName,
            Item: {
              ...keys.pipeline(this.#tenantId, pipeline.id),
              ...keys.pipelineListing(this.#tenantId, pipeline.id),
              entity: 'pipeline',
              ...pipeline,
              [OPEN_DEALS]: Object.fromEntries(pipeline.stages.map((stage) => [stage.id, 0])),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
      return true;
    } catch (error) {
      if (error instanceof ChangeConditionFailedError) return false;
      throw error;
    }
  }

  async get(id: string): Promise<Pipeline | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.pipeline(this.#tenantId, id), ConsistentRead: true }));
    return Item ? pipelineOf(Item) : null;
  }

  async list({ limit, afterId }: { limit: number; afterId?: string }): Promise<Page<Pipeline>> {
    const { Items = [], LastEvaluatedKey } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :listing',
        ExpressionAttributeValues: { ':listing': keys.pipelineListing(this.#tenantId).gsi1pk },
        Limit: limit,
        ...(afterId === undefined ? {} : { ExclusiveStartKey: { ...keys.pipeline(this.#tenantId, afterId), ...keys.pipelineListing(this.#tenantId, afterId) } }),
      }),
    );
    const items = Items.map(pipelineOf);
    return { items, lastId: LastEvaluatedKey && items.length > 0 ? items[items.length - 1]!.id : null };
  }

  async replace(next: Pipeline, previous: Pipeline, audit: Audited): Promise<void> {
    const kept = new Set(next.stages.map((stage) => stage.id));
    const removed = previous.stages.filter((stage) => !kept.has(stage.id));
    const added = next.stages.filter((stage) => !previous.stages.some((old) => old.id === stage.id));
    const names: Record<string, string> = { '#name': 'name', '#stages': 'stages', '#version': 'version', '#updatedAt': 'updatedAt', '#open': OPEN_DEALS };
    const values: Record<string, unknown> = { ':name': next.name, ':stages': next.stages, ':version': next.version, ':updatedAt': next.updatedAt, ':expected': previous.version };
    const set = ['#name = :name', '#stages = :stages', '#version = :version', '#updatedAt = :updatedAt'];
    const conditions = ['attribute_exists(pk)', '#version = :expected'];
    removed.forEach((stage, index) => {
      names[`#r${index}`] = stage.id;
      conditions.push(`(attribute_not_exists(#open.#r${index}) OR #open.#r${index} = :zero)`);
    });
    added.forEach((stage, index) => {
      names[`#a${index}`] = stage.id;
      set.push(`#open.#a${index} = :zero`);
    });
    if (removed.length > 0 || added.length > 0) values[':zero'] = 0;
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Update: {
            TableName: this.#tableName,
            Key: keys.pipeline(this.#tenantId, next.id),
            UpdateExpression: `SET ${set.join(', ')}${removed.length > 0 ? ` REMOVE ${removed.map((_, index) => `#open.#r${index}`).join(', ')}` : ''}`,
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ]);
    } catch (error) {
      const current = error instanceof ChangeConditionFailedError ? error.item : undefined;
      if (current && Number(current.version) === previous.version) {
        const counts = (current[OPEN_DEALS] ?? {}) as Record<string, number>;
        const busy = removed.find((stage) => Number(counts[stage.id] ?? 0) > 0);
        if (busy) throw new StageInUseError(next.id, busy, Number(counts[busy.id]));
      }
      throw staleOrMissing(error, 'pipeline', next.id, previous.version);
    }
  }
}

function pipelineOf(item: Record<string, unknown>): Pipeline {
  const { [OPEN_DEALS]: _open, ...pipeline } = recordOf<Pipeline & { [OPEN_DEALS]?: unknown }>(item);
  return pipeline;
}
