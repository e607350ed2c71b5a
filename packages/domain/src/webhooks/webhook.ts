import { randomBytes } from 'node:crypto';
import type { Versioned } from '../shared/versioned';
import type { DomainEvent, DomainEventType, TEST_EVENT_TYPE, WebhookEventFilter } from './domain-events';

export type { WebhookEventFilter };

/** A tenant's webhook subscription as the API shows it: never its secret (except when created or rotated). */
export interface Webhook extends Versioned {
  id: string;
  url: string;
  events: WebhookEventFilter[];
  description?: string;
  enabled: boolean;
  createdBy: string;
}

/**
 * A subscription as stored: the signing secret encrypted with the tenant's field cipher. Not a
 * hash, as for ingest keys: the dispatcher needs it in clear to sign each delivery.
 */
export interface StoredWebhook extends Webhook {
  tenantId: string;
  secretCiphertext: string;
}

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function subscribesTo(webhook: Pick<Webhook, 'events' | 'enabled'>, type: DomainEventType): boolean {
  return webhook.enabled && (webhook.events.includes('*') || webhook.events.includes(type));
}

/** The outcome of one attempt: delivered (2xx), to be retried, or given up. */
export type DeliveryStatus = 'delivered' | 'retrying' | 'failed';

/** One attempt to deliver one event to one webhook: a line of the delivery log. */
export interface DeliveryAttempt {
  /** Of the attempt (ULID, so the log sorts by time). */
  id: string;
  webhookId: string;
  eventId: string;
  eventType: DomainEventType | typeof TEST_EVENT_TYPE;
  /** 1 for the first try. */
  attempt: number;
  status: DeliveryStatus;
  /** The receiver's answer; null when there was none (timeout, refused connection, refused address). */
  statusCode: number | null;
  durationMs: number;
  /** Why the attempt failed, in our words (never the receiver's body). */
  error: string | null;
  attemptedAt: string;
  /** When the next attempt is due; null once delivered or given up. */
  nextRetryAt: string | null;
}

/** A delivery due again later: all the next attempt needs, the event itself included (it holds no personal data). */
export interface WebhookRetry {
  tenantId: string;
  webhookId: string;
  event: DomainEvent;
  attempt: number;
  /** ISO time the attempt is due. */
  dueAt: string;
}

/**
 * Waits before the 2nd, 3rd, … attempt: 1 min, 5 min, 30 min, 2 h, 6 h, then the delivery is
 * given up (six attempts over about 8.5 hours), as receivers that are down for a deploy or an
 * afternoon still get their events.
 */
export const RETRY_DELAYS_SECONDS = [60, 300, 1_800, 7_200, 21_600] as const;

/** How long one attempt may take before it counts as failed. */
export const DELIVERY_TIMEOUT_MS = 5_000;

/** The delivery log keeps attempts this long. */
export const DELIVERY_LOG_DAYS = 30;
