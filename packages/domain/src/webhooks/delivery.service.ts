import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { FieldCipher } from '../privacy/field-cipher';
import type { DeliveredEvent, DomainEvent } from './domain-events';
import type { DeliveryLog, RetryScheduler, WebhookRepository, WebhookSender } from './ports';
import { RETRY_DELAYS_SECONDS, subscribesTo, type DeliveryAttempt, type StoredWebhook, type WebhookRetry } from './webhook';
import { webhookSecretScope } from './webhook.service';

export interface DeliveryServiceDeps {
  /** Bound to the event's tenant, so an event can only reach its own tenant's webhooks. */
  webhooks: WebhookRepository;
  deliveries: DeliveryLog;
  cipher: FieldCipher;
  sender: WebhookSender;
  retries: RetryScheduler;
  clock: Clock;
  /** Seconds before the 2nd, 3rd, … attempt; defaults to {@link RETRY_DELAYS_SECONDS}. */
  retryDelaysSeconds?: readonly number[];
}

/** What one signed POST and its line in the delivery log need. */
export type SendDeps = Pick<DeliveryServiceDeps, 'deliveries' | 'cipher' | 'sender' | 'clock'>;

/**
 * POSTs one event to one webhook, signed with its secret, and logs the attempt: delivered on a 2xx,
 * else retrying when a `retryInSeconds` is given (the caller schedules it), else failed.
 */
export async function sendSignedDelivery(
  deps: SendDeps,
  webhook: StoredWebhook,
  event: DeliveredEvent,
  attemptNumber: number,
  retryInSeconds?: number,
): Promise<DeliveryAttempt> {
  const secret = await deps.cipher.decrypt(webhookSecretScope(webhook.id), webhook.secretCiphertext);
  const attemptedAt = deps.clock.now();
  const result = await deps.sender.send({ url: webhook.url, secret, messageId: event.id, body: JSON.stringify(event), timestamp: attemptedAt });
  const delivered = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const delay = delivered ? undefined : retryInSeconds;
  const dueAt = delay === undefined ? null : new Date(deps.clock.now().getTime() + delay * 1000).toISOString();
  const logged: DeliveryAttempt = {
    id: newId(),
    webhookId: webhook.id,
    eventId: event.id,
    eventType: event.type,
    attempt: attemptNumber,
    status: delivered ? 'delivered' : dueAt ? 'retrying' : 'failed',
    statusCode: result.statusCode,
    durationMs: result.durationMs,
    error: delivered ? null : (result.error ?? `the receiver answered ${result.statusCode}`),
    attemptedAt: attemptedAt.toISOString(),
    nextRetryAt: dueAt,
  };
  await deps.deliveries.record(logged);
  return logged;
}

/**
 * Delivers one tenant's domain events to its webhooks: one signed POST per matching subscription,
 * each attempt written to the delivery log, a failed one (no 2xx in time) brought back later with
 * growing delays until it is given up. Deliveries are at least once: the message id is the event
 * id, the same on every attempt, so receivers can drop what they have seen.
 */
export function createDeliveryService(deps: DeliveryServiceDeps, tenantId: string) {
  const delays = deps.retryDelaysSeconds ?? RETRY_DELAYS_SECONDS;

  async function attempt(webhook: StoredWebhook, event: DomainEvent, attemptNumber: number): Promise<DeliveryAttempt> {
    const delay = delays[attemptNumber - 1];
    const logged = await sendSignedDelivery(deps, webhook, event, attemptNumber, delay);
    if (logged.nextRetryAt && delay !== undefined) {
      const retry: WebhookRetry = { tenantId, webhookId: webhook.id, event, attempt: attemptNumber + 1, dueAt: logged.nextRetryAt };
      await deps.retries.schedule(retry, delay);
    }
    return logged;
  }

  return {
    /** First attempts of a new event, to every subscription of its tenant that wants its type. */
    async deliver(event: DomainEvent): Promise<DeliveryAttempt[]> {
      if (event.tenantId !== tenantId) throw new Error('An event reached the delivery service of another tenant');
      const subscribed = (await deps.webhooks.listAll()).filter((webhook) => subscribesTo(webhook, event.type));
      return Promise.all(subscribed.map((webhook) => attempt(webhook, event, 1)));
    },

    /** A later attempt; none when the webhook was deleted or paused meanwhile (nothing to log it under or against). */
    async retry(retry: WebhookRetry): Promise<DeliveryAttempt | null> {
      if (retry.tenantId !== tenantId || retry.event.tenantId !== tenantId) throw new Error('A retry reached the delivery service of another tenant');
      const webhook = await deps.webhooks.get(retry.webhookId);
      if (!webhook || !subscribesTo(webhook, retry.event.type)) return null;
      return attempt(webhook, retry.event, retry.attempt);
    },
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
