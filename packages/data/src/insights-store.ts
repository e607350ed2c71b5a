import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  VersionConflictError,
  type AssociationRule,
  type Audited,
  type InsightsJob,
  type InsightsJobRepository,
  type InsightsTenantListing,
  type Page,
  type RecommendationRepository,
} from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError } from './audited-writer';
import { batchDelete } from './batch-delete';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';
import { queryAll } from './query-all';

/** The tenant's insights run item, replaced whole on each checkpoint, conditionally on its version. */
export class DynamoInsightsJobRepository implements InsightsJobRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #writer: AuditedWriter;
  readonly #tenantId: string;

  constructor(options: TableOptions & { writer: AuditedWriter }, tenantId: string) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#writer = options.writer;
    this.#tenantId = tenantId;
  }

  async get(): Promise<InsightsJob | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.insightsJob(this.#tenantId), ConsistentRead: true }));
    return Item ? recordOf<InsightsJob>(Item) : null;
  }

  async save(next: InsightsJob, expectedVersion: number | null, audit?: Audited): Promise<void> {
    const put = {
      TableName: this.#tableName,
      Item: { ...keys.insightsJob(this.#tenantId), entity: 'insights-job', ...next },
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
    };
    try {
      if (audit) await this.#writer.write(this.#tenantId, audit.context, audit.entry, [{ Put: put }]);
      else await this.#client.send(new PutCommand(put));
    } catch (error) {
      if (error instanceof ChangeConditionFailedError || error instanceof ConditionalCheckFailedException) {
        const current = await this.get();
        throw new VersionConflictError('insights-run', next.runId, expectedVersion ?? 0, current?.version ?? 0, { cause: error });
      }
      throw error;
    }
  }
}

/**
 * The tenant's association rules, one item per product in the tenant's insights partition: a
 * product's recommendations are one GetItem, and a run replaces them all (items of products
 * no longer ruled on are removed by the run's id).
 */
export class DynamoRecommendationRepository implements RecommendationRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #tenantId: string;

  constructor(options: TableOptions, tenantId: string) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#tenantId = tenantId;
  }

  async replace(runId: string, rules: Map<string, AssociationRule[]>, computedAt: string): Promise<number> {
    const entries = [...rules.entries()];
    for (let start = 0; start < entries.length; start += 10) {
      await Promise.all(
        entries.slice(start, start + 10).map(([product, productRules]) =>
          this.#client.send(
            new PutCommand({
              TableName: this.#tableName,
              Item: { ...keys.productRules(this.#tenantId, product), entity: 'product-rules', product, runId, computedAt, rules: productRules },
            }),
          ),
        ),
      );
    }
    const stored = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rules)',
      ExpressionAttributeValues: { ':pk': keys.insightsPartition(this.#tenantId).pk, ':rules': keys.productRulesPrefix },
      ProjectionExpression: 'pk, sk, runId',
      ConsistentRead: true,
    });
    const stale = stored.filter((item) => item.runId !== runId).map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
    await batchDelete(this.#client, this.#tableName, stale);
    return entries.length;
  }

  async get(product: string): Promise<{ rules: AssociationRule[]; computedAt: string } | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.productRules(this.#tenantId, product) }));
    return Item ? { rules: Item.rules as AssociationRule[], computedAt: String(Item.computedAt) } : null;
  }
}

/** The tenants the daily insights run covers: the sparse gsi2 listing on the tenant items. */
export class DynamoInsightsTenantListing implements InsightsTenantListing {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(options: TableOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async tenantIds({ limit, afterId }: { limit: number; afterId?: string }): Promise<Page<string>> {
    const { Items = [], LastEvaluatedKey } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :listing',
        ExpressionAttributeValues: { ':listing': keys.insightsTenantListing().gsi2pk },
        ProjectionExpression: 'id',
        Limit: limit,
        ...(afterId === undefined ? {} : { ExclusiveStartKey: { ...keys.tenant(afterId), ...keys.insightsTenantListing(afterId) } }),
      }),
    );
    const ids = Items.map((item) => String(item.id));
    return { items: ids, lastId: LastEvaluatedKey && ids.length > 0 ? ids.at(-1)! : null };
  }
}
