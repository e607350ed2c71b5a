import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DELIVERY_LOG_DAYS,
  NotFoundError,
  type Audited,
  type DeliveryAttempt,
  type DeliveryLog,
  type Page,
  type StoredWebhook,
  type WebhookRepository,
} from '@rapport/domain';
import { AuditedWriter, ChangeConditionFailedError, staleOrMissing } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';
import { queryAll } from './query-all';

/** Webhook subscriptions of one tenant; every write goes with its audit event. */
export class DynamoWebhookRepository implements WebhookRepository {
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

  #item(webhook: StoredWebhook) {
    return { ...keys.webhook(this.#tenantId, webhook.id), ...keys.webhookListing(this.#tenantId, webhook.id), entity: 'webhook', ...webhook };
  }

  async create(webhook: StoredWebhook, audit: Audited): Promise<void> {
    await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
      { Put: { TableName: this.#tableName, Item: this.#item(webhook), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  }

  async get(id: string): Promise<StoredWebhook | null> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: keys.webhook(this.#tenantId, id), ConsistentRead: true }));
    return Item ? recordOf<StoredWebhook>(Item) : null;
  }

  async list({ limit, afterId }: { limit: number; afterId?: string }): Promise<Page<StoredWebhook>> {
    const result = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :listing',
        ExpressionAttributeValues: { ':listing': keys.webhookListing(this.#tenantId).gsi1pk },
        Limit: limit,
        ...(afterId === undefined ? {} : { ExclusiveStartKey: { ...keys.webhook(this.#tenantId, afterId), ...keys.webhookListing(this.#tenantId, afterId) } }),
      }),
    );
    const items = (result.Items ?? []).map((item) => recordOf<StoredWebhook>(item));
    return { items, lastId: result.LastEvaluatedKey ? String(result.LastEvaluatedKey.gsi1sk) : null };
  }

  async listAll(): Promise<StoredWebhook[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :listing',
      ExpressionAttributeValues: { ':listing': keys.webhookListing(this.#tenantId).gsi1pk },
    });
    return items.map((item) => recordOf<StoredWebhook>(item));
  }

  async replace(next: StoredWebhook, previous: StoredWebhook, audit: Audited): Promise<void> {
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
      throw staleOrMissing(error, 'webhook', next.id, previous.version);
    }
  }

  /** Removes the subscription; its delivery log stays until its TTL (or the tenant is erased). */
  async delete(id: string, audit: Audited): Promise<void> {
    try {
      await this.#writer.write(this.#tenantId, audit.context, audit.entry, [
        { Delete: { TableName: this.#tableName, Key: keys.webhook(this.#tenantId, id), ConditionExpression: 'attribute_exists(pk)' } },
      ]);
    } catch (error) {
      if (error instanceof ChangeConditionFailedError) throw new NotFoundError('webhook', id, { cause: error });
      throw error;
    }
  }
}

/**
 * The delivery log of one tenant's webhooks. Written by the dispatcher, not by a person, and
 * holding no personal data, so it is not audited (the audit log records who changed what; the
 * delivery log records what the machine did about it).
 */
export class DynamoDeliveryLog implements DeliveryLog {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #tenantId: string;

  constructor(options: TableOptions, tenantId: string) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#tenantId = tenantId;
  }

  async record(attempt: DeliveryAttempt): Promise<void> {
    const expiresAt = Math.floor(Date.parse(attempt.attemptedAt) / 1000) + DELIVERY_LOG_DAYS * 86_400;
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { ...keys.webhookDelivery(this.#tenantId, attempt.webhookId, attempt.id), entity: 'webhook-delivery', ...attempt, expiresAt },
      }),
    );
  }

  async list(webhookId: string, { limit, afterId }: { limit: number; afterId?: string }): Promise<Page<DeliveryAttempt>> {
    const partition = keys.webhook(this.#tenantId, webhookId).pk;
    const result = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :deliveries)',
        ExpressionAttributeValues: { ':pk': partition, ':deliveries': keys.webhookDeliveryPrefix },
        ScanIndexForward: false,
        Limit: limit,
        ...(afterId === undefined ? {} : { ExclusiveStartKey: keys.webhookDelivery(this.#tenantId, webhookId, afterId) }),
      }),
    );
    const items = (result.Items ?? []).map((item) => recordOf<DeliveryAttempt>(item));
    return { items, lastId: result.LastEvaluatedKey ? String(result.LastEvaluatedKey.sk).slice(keys.webhookDeliveryPrefix.length) : null };
  }
}
