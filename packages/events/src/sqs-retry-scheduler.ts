import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DOMAIN_EVENT_TYPES, type DomainEvent, type RetryScheduler, type WebhookRetry } from '@rapport/domain';
import * as z from 'zod';
import { MalformedRetryError } from './errors';

/** The longest an SQS message can be delayed. */
export const MAX_SQS_DELAY_SECONDS = 900;

export interface SqsRetrySchedulerOptions {
  queueUrl: string;
  client?: SQSClient;
}

/**
 * Webhook retries through an SQS queue with per-message delays. Chosen over EventBridge Scheduler
 * one-time schedules: nothing to create, name, clean up or pay for per retry, no role to pass, and
 * the queue brings batching, a redrive policy and a dead-letter queue with it. A delay longer than
 * SQS allows (15 minutes) is walked in hops: the retry handler sends a message back with the time
 * still left until it is due (a 6-hour wait is 24 hops, still cheap).
 */
export class SqsRetryScheduler implements RetryScheduler {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(options: SqsRetrySchedulerOptions) {
    this.#client = options.client ?? new SQSClient({});
    this.#queueUrl = options.queueUrl;
  }

  async schedule(retry: WebhookRetry, delaySeconds: number): Promise<void> {
    await this.#client.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        MessageBody: JSON.stringify(retry),
        DelaySeconds: Math.max(0, Math.min(MAX_SQS_DELAY_SECONDS, Math.ceil(delaySeconds))),
      }),
    );
  }
}

/** Seconds until a retry is due (0 when it is). */
export function secondsUntilDue(retry: WebhookRetry, now: Date): number {
  return Math.max(0, Math.ceil((Date.parse(retry.dueAt) - now.getTime()) / 1000));
}

const domainEventSchema = z.object({
  id: z.string().min(1),
  type: z.enum(DOMAIN_EVENT_TYPES as [string, ...string[]]),
  tenantId: z.string().min(1),
  occurredAt: z.string(),
  data: z.object({ id: z.string(), changedFields: z.array(z.string()), recordId: z.string().optional() }),
});

const retrySchema = z.object({
  tenantId: z.string().min(1),
  webhookId: z.string().min(1),
  attempt: z.int().min(2),
  dueAt: z.iso.datetime(),
  event: domainEventSchema,
});

/** The domain event in a bus event's detail; throws a ZodError for anything else. */
export function parseDomainEvent(detail: unknown): DomainEvent {
  return domainEventSchema.parse(detail) as DomainEvent;
}

/** The retry a queue message carries; throws MalformedRetryError for anything else. */
export function parseRetryMessage(messageId: string, body: string): WebhookRetry {
  try {
    return retrySchema.parse(JSON.parse(body)) as WebhookRetry;
  } catch (error) {
    throw new MalformedRetryError(messageId, { cause: error });
  }
}
