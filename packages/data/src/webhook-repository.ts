import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DELIVERY_LOG_DAYS,
  type Audited,
  type DeliveryAttempt,
  type DeliveryLog,
  type Page,
  type StoredWebhook,
  type WebhookRepository,
} from '@rapport/domain';
import type { AuditedWriter } from './audited-writer';
import type { TableOptions } from './contact-repository';
import { recordOf } from './items';
import { keys } from './keys';
import { ListedRecordStore } from './listed-record-store';

/** Webhook subscriptions of one tenant; every write goes with its audit event. */
export class DynamoWebhookRepository implements WebhookRepository {
  readonly #store: ListedRecordStore<StoredWebhook>;

  constructor(options: TableOptions & { writer: AuditedWriter }, tenantId: string) {
    this.#store = new ListedRecordStore(options, tenantId, { entity: 'webhook', key: keys.webhook, listing: keys.webhookListing });
  }

  create(webhook: StoredWebhook, audit: Audited): Promise<void> {
    return this.#store.create(webhook, audit);
  }

  get(id: string): Promise<StoredWebhook | null> {
    return this.#store.get(id);
  }

  list(page: { limit: number; afterId?: string }): Promise<Page<StoredWebhook>> {
    return this.#store.list(page);
  }

  listAll(): Promise<StoredWebhook[]> {
    return this.#store.listAll();
  }

  replace(next: StoredWebhook, previous: StoredWebhook, audit: Audited): Promise<void> {
    return this.#store.replace(next, previous, audit);
  }

  /** Removes the subscription; its delivery log stays until its TTL (or the tenant is erased). */
  delete(id: string, audit: Audited): Promise<void> {
    return this.#store.delete(id, audit);
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
