import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { DeliveryService, WebhookRetry } from '@rapport/domain';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { DispatcherRuntime } from './events-runtime';
import { createRetryWebhooksHandler } from './retry-webhooks-handler';

const NOW = new Date('2026-12-01T12:00:00.000Z');

const aRetry = (dueAt: string, webhookId = 'w1'): WebhookRetry => ({
  tenantId: 't1',
  webhookId,
  attempt: 4,
  dueAt,
  event: { id: 'evt_1', type: 'contact.created', tenantId: 't1', occurredAt: '2026-12-01T10:00:00.000Z', data: { id: 'c1', changedFields: ['firstName'] } },
});

const aMessage = (messageId: string, body: string) => ({ messageId, body }) as SQSRecord;

/** A runtime whose delivery service and retry queue only record what they are asked. */
function aRuntime(failFor?: string) {
  const scheduled: { retry: WebhookRetry; delaySeconds: number }[] = [];
  const attempted: WebhookRetry[] = [];
  const rt: DispatcherRuntime = {
    logger: new Logger({ logLevel: 'SILENT' }),
    tracer: new Tracer({ enabled: false }),
    clock: { now: () => NOW },
    retries: { schedule: async (retry, delaySeconds) => void scheduled.push({ retry, delaySeconds }) },
    deliveryFor: () =>
      ({
        deliver: async () => [],
        retry: async (retry: WebhookRetry) => {
          if (retry.webhookId === failFor) throw new Error('table unavailable');
          attempted.push(retry);
          return null;
        },
      }) as DeliveryService,
  };
  return { rt, scheduled, attempted };
}

const invoke = (rt: DispatcherRuntime, records: SQSRecord[]) =>
  createRetryWebhooksHandler(rt)({ Records: records } as SQSEvent, { getRemainingTimeInMillis: () => 30_000 } as Context);

describe('the webhook retry handler', () => {
  it('attempts a retry that is due, and sends one not yet due back to wait the rest (SQS delays at most 15 minutes)', async () => {
    // Prepare
    const { rt, scheduled, attempted } = aRuntime();
    const due = aRetry('2026-12-01T11:59:59.000Z');
    const later = aRetry('2026-12-01T14:00:00.000Z');

    // Act
    const result = await invoke(rt, [aMessage('m1', JSON.stringify(due)), aMessage('m2', JSON.stringify(later))]);

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(attempted).toEqual([due]);
    expect(scheduled).toEqual([{ retry: later, delaySeconds: 7_200 }]);
  });

  it('reports only the message that failed on our side, and drops one that is not a retry', async () => {
    // Prepare
    const { rt, attempted } = aRuntime('broken');

    // Act
    const result = await invoke(rt, [
      aMessage('m1', JSON.stringify(aRetry('2026-12-01T11:00:00.000Z', 'broken'))),
      aMessage('m2', '{"not":"a retry"}'),
      aMessage('m3', JSON.stringify(aRetry('2026-12-01T11:00:00.000Z', 'w3'))),
    ]);

    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(attempted.map((retry) => retry.webhookId)).toEqual(['w3']);
  });
});
