import type { Audited } from '../access/ports';
import type { Page } from '../contacts/ports';
import type { DomainEvent } from './domain-events';
import type { DeliveryAttempt, StoredWebhook, WebhookRetry } from './webhook';

/** Webhook subscriptions of one tenant; every change goes with its audit event. */
export interface WebhookRepository {
  create(webhook: StoredWebhook, audit: Audited): Promise<void>;
  get(id: string): Promise<StoredWebhook | null>;
  list(options: { limit: number; afterId?: string }): Promise<Page<StoredWebhook>>;
  /** Every subscription of the tenant, for the dispatcher (a tenant has a handful). */
  listAll(): Promise<StoredWebhook[]>;
  /** Replaces the subscription if it is still at `previous.version`; throws VersionConflictError or NotFoundError. */
  replace(next: StoredWebhook, previous: StoredWebhook, audit: Audited): Promise<void>;
  /** Throws NotFoundError. */
  delete(id: string, audit: Audited): Promise<void>;
}

/** The delivery log of one tenant's webhooks: attempts, newest first, kept a while (TTL). */
export interface DeliveryLog {
  record(attempt: DeliveryAttempt): Promise<void>;
  list(webhookId: string, options: { limit: number; afterId?: string }): Promise<Page<DeliveryAttempt>>;
}

/** The receiver's answer to one signed POST. */
export interface SendResult {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/** POSTs one signed event to a receiver (Standard Webhooks headers). */
export interface WebhookSender {
  send(request: { url: string; secret: string; messageId: string; body: string; timestamp: Date }): Promise<SendResult>;
}

/** Brings a failed delivery back when its next attempt is due. */
export interface RetryScheduler {
  schedule(retry: WebhookRetry, delaySeconds: number): Promise<void>;
}

/** Puts domain events on the event bus; answers which of them it could not (to publish again). */
export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<{ failed: DomainEvent[] }>;
}
