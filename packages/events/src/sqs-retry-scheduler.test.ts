import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { WebhookRetry } from '@rapport/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { MalformedRetryError } from './errors';
import { parseRetryMessage, secondsUntilDue, SqsRetryScheduler } from './sqs-retry-scheduler';

const sqs = mockClient(SQSClient);
const aRetry = (dueAt: string): WebhookRetry => ({
  tenantId: 't1',
  webhookId: 'w1',
  attempt: 2,
  dueAt,
  event: { id: 'evt_1', type: 'company.created', tenantId: 't1', occurredAt: '2026-12-01T10:00:00.000Z', data: { id: 'c1', changedFields: ['name'] } },
});

describe('SqsRetryScheduler', () => {
  beforeEach(() => sqs.reset());

  it('sends the retry with its delay, capped at the 15 minutes SQS allows', async () => {
    // Prepare
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    const scheduler = new SqsRetryScheduler({ client: new SQSClient({ region: 'eu-west-1' }), queueUrl: 'https://sqs/retries' });
    const retry = aRetry('2026-12-01T12:00:00.000Z');

    // Act
    await scheduler.schedule(retry, 60);
    await scheduler.schedule(retry, 7_200);

    // Assess
    const inputs = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(inputs.map((input) => input.DelaySeconds)).toEqual([60, 900]);
    expect(inputs[0]).toMatchObject({ QueueUrl: 'https://sqs/retries' });
    expect(parseRetryMessage('m1', inputs[0]!.MessageBody!)).toEqual(retry);
  });

  it('knows how long a retry still has to wait', () => {
    const retry = aRetry('2026-12-01T12:00:00.000Z');
    expect(secondsUntilDue(retry, new Date('2026-12-01T11:00:00.000Z'))).toBe(3_600);
    expect(secondsUntilDue(retry, new Date('2026-12-01T12:00:01.000Z'))).toBe(0);
  });

  it('refuses a message that is not a retry', () => {
    expect(() => parseRetryMessage('m2', '{"tenantId":"t1"}')).toThrow(MalformedRetryError);
    expect(() => parseRetryMessage('m3', 'not json')).toThrow(MalformedRetryError);
  });
});
