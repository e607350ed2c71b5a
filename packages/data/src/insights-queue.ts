import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { InsightsJobMessage, InsightsQueue } from '@rapport/domain';

/** The insights worker's queue in SQS (locally, the local stack's queue behind the same API). */
export class SqsInsightsQueue implements InsightsQueue {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;

  constructor(options: { sqs: SQSClient; queueUrl: string }) {
    this.#sqs = options.sqs;
    this.#queueUrl = options.queueUrl;
  }

  async send(message: InsightsJobMessage): Promise<void> {
    await this.#sqs.send(new SendMessageCommand({ QueueUrl: this.#queueUrl, MessageBody: JSON.stringify(message) }));
  }
}

/** The message of an SQS record, checked: a malformed one is dropped by the caller, not retried. */
export function insightsJobMessageOf(body: string): InsightsJobMessage | null {
  try {
    const value = JSON.parse(body) as Partial<InsightsJobMessage>;
    if (typeof value.tenantId !== 'string' || typeof value.runId !== 'string' || !Number.isInteger(value.version)) return null;
    return { tenantId: value.tenantId, runId: value.runId, version: value.version! };
  } catch {
    return null;
  }
}
