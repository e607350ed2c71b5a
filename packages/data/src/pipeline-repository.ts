import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StageInUseError, type Audited, type Page, type Pipeline, type PipelineRepository } from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, staleOrMissing, type TransactItem } from './audited-writer';
import { batchGetAll } from './batch-get-all';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';

/** The counter items' attribute counting open deals per stage id (moved by the deal writes, in their transactions). */
export const OPEN_DEALS = 'openDeals';
/** Set on a pipeline whose counts live in the 16 shards; a pipeline without it counts on its own item. */
export const COUNTS_SHARDED = 'countsSharded';

/**
 * Pipelines of one tenant. A pipeline's open deals are counted per stage in 16 shards beside it
 * (`openDeals`, a map from stage id to count): every deal write moves its deal's shard in its own
 * transaction, on the condition that the stage is still in the map, so deal writes of one
 * pipeline rarely meet on one item. Removing a stage removes it from every shard in one
 * transaction, on the condition that each counts 0 there: a stage with open deals is never
 * removed, a deal never lands in a removed stage. Pipelines created before the shards keep the map
 * on their own item, which the same writes move instead.
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
      const zeros = Object.fromEntries(pipeline.stages.map((stage) => [stage.id, 0]));
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        {
          Put: {
            TableName: this.#tableName,
            Item: { ...keys.pipeline(this.#tenantId, pipeline.id), ...keys.pipelineListing(this.#tenantId, pipeline.id), entity: 'pipeline', ...pipeline, [COUNTS_SHARDED]: true },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...keys.pipelineOpenDealShards(this.#tenantId, pipeline.id).map(
          (shard): TransactItem => ({ Put: { TableName: this.#tableName, Item: { ...shard, entity: 'pipeline-open-deals', pipelineId: pipeline.id, [OPEN_DEALS]: zeros } } }),
        ),
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
    const removed = previous.stages.filter((stage) => !kept.has(stage.id)).map((stage) => stage.id);
    const added = next.stages.filter((stage) => !previous.stages.some((old) => old.id === stage.id)).map((stage) => stage.id);
    const { Item: stored } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.pipeline(this.#tenantId, next.id), ConsistentRead: true }));
    const sharded = stored?.[COUNTS_SHARDED] === true;
    const counters = sharded ? keys.pipelineOpenDealShards(this.#tenantId, next.id) : [keys.pipeline(this.#tenantId, next.id)];
    const stages = stageCountChange(removed, added);
    const own = {
      set: ['#name = :name', '#stages = :stages', '#version = :version', '#updatedAt = :updatedAt'],
      remove: [] as string[],
      conditions: ['attribute_exists(pk)', '#version = :expected'],
      names: { '#name': 'name', '#stages': 'stages', '#version': 'version', '#updatedAt': 'updatedAt' } as Record<string, string>,
      values: { ':name': next.name, ':stages': next.stages, ':version': next.version, ':updatedAt': next.updatedAt, ':expected': previous.version } as Record<string, unknown>,
    };
    const moves = removed.length + added.length > 0;
    // A pipeline counting on its own item moves its stage counts there, in the one update the item may have.
    const changes: TransactItem[] = [
      { Update: { ...this.#update(keys.pipeline(this.#tenantId, next.id), sharded || !moves ? [own] : [own, stages]), ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
      ...(sharded && moves ? counters.map((key): TransactItem => ({ Update: this.#update(key, [stages]) })) : []),
    ];
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, changes);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError && removed.length > 0 && (error.index > 0 || Number(error.item?.version) === previous.version)) {
        const counts = await this.#openDealCounts(counters);
        const busy = previous.stages.find((stage) => removed.includes(stage.id) && (counts.get(stage.id) ?? 0) > 0);
        if (busy) throw new StageInUseError(next.id, busy, counts.get(busy.id)!);
      }
      throw staleOrMissing(error, 'pipeline', next.id, previous.version);
    }
  }

  /** One Update of `key` doing every part. */
  #update(key: { pk: string; sk: string }, parts: readonly UpdateParts[]) {
    const set = parts.flatMap((part) => part.set);
    const remove = parts.flatMap((part) => part.remove);
    const values = Object.assign({}, ...parts.map((part) => part.values)) as Record<string, unknown>;
    return {
      TableName: this.#tableName,
      Key: key,
      UpdateExpression: [set.length > 0 ? `SET ${set.join(', ')}` : '', remove.length > 0 ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' '),
      ConditionExpression: parts.flatMap((part) => part.conditions).join(' AND '),
      ExpressionAttributeNames: Object.assign({}, ...parts.map((part) => part.names)) as Record<string, string>,
      ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
    };
  }

  /** Open deals per stage, summed over the counter items. */
  async #openDealCounts(counters: readonly { pk: string; sk: string }[]): Promise<Map<string, number>> {
    const sums = new Map<string, number>();
    for (const item of await batchGetAll(this.#client, this.#tableName, counters, { consistentRead: true })) {
      for (const [stageId, count] of Object.entries((item[OPEN_DEALS] ?? {}) as Record<string, number>)) sums.set(stageId, (sums.get(stageId) ?? 0) + Number(count));
    }
    return sums;
  }
}

/** Parts of an UpdateExpression and its condition, to combine into one update. */
interface UpdateParts {
  set: string[];
  remove: string[];
  conditions: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/** Takes `removed` stages off a counter item (each on the condition it counts no open deal there) and adds `added` at 0. */
function stageCountChange(removed: readonly string[], added: readonly string[]): UpdateParts {
  const names: Record<string, string> = { '#open': OPEN_DEALS };
  removed.forEach((stageId, index) => (names[`#r${index}`] = stageId));
  added.forEach((stageId, index) => (names[`#a${index}`] = stageId));
  return {
    set: added.map((_, index) => `#open.#a${index} = :zero`),
    remove: removed.map((_, index) => `#open.#r${index}`),
    conditions: ['attribute_exists(pk)', ...removed.map((_, index) => `(attribute_not_exists(#open.#r${index}) OR #open.#r${index} = :zero)`)],
    names,
    values: { ':zero': 0 },
  };
}

function pipelineOf(item: Record<string, unknown>): Pipeline {
  const { [OPEN_DEALS]: _open, [COUNTS_SHARDED]: _sharded, ...pipeline } = recordOf<Pipeline & { [OPEN_DEALS]?: unknown; [COUNTS_SHARDED]?: unknown }>(item);
  return pipeline;
}
