import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './running-engine';
import { startSqsLocal, type SqsLocal } from './sqs-local';

let queue: SqsLocal | undefined;
afterEach(async () => {
  await queue?.stop();
});

const clientOf = (endpoint: string) => new SQSClient({ region: LOCAL_REGION, endpoint, credentials: LOCAL_CREDENTIALS });

describe('sqs-local', () => {
  it('takes SendMessage from the AWS SDK and delivers the message in the SQS event shape', async () => {
    // Prepare
    queue = await startSqsLocal();
    const received: unknown[] = [];
    queue.consume('chunks', async (event) => {
      received.push(...event.Records.map((record) => [record.body, record.eventSource, record.attributes.ApproximateReceiveCount]));
    });

    // Act
    const sent = await clientOf(queue.endpoint).send(new SendMessageCommand({ QueueUrl: queue.queueUrl('chunks'), MessageBody: '{"importId":"x"}' }));
    await queue.drain();

    // Assess
    expect(sent.MessageId).toEqual(expect.any(String));
    expect(received).toEqual([['{"importId":"x"}', 'aws:sqs', '1']]);
  });

  it('delivers a failed message again, and keeps it as a dead letter after maxReceiveCount', async () => {
    // Prepare
    queue = await startSqsLocal({ retryDelayMs: 10, maxReceiveCount: 3 });
    const attempts: string[] = [];
    queue.consume('chunks', async (event) => {
      const record = event.Records[0]!;
      attempts.push(`${record.body}#${record.attributes.ApproximateReceiveCount}`);
      if (record.body === 'flaky' && attempts.length === 1) throw new Error('crashed');
      return { batchItemFailures: record.body === 'poison' ? [{ itemIdentifier: record.messageId }] : [] };
    });
    const sqs = clientOf(queue.endpoint);

    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.queueUrl('chunks'), MessageBody: 'flaky' }));
    await queue.drain();
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.queueUrl('chunks'), MessageBody: 'poison' }));
    await queue.drain();

    // Assess
    expect(attempts).toEqual(['flaky#1', 'flaky#2', 'poison#1', 'poison#2', 'poison#3']);
    expect(queue.deadLetters('chunks')).toEqual(['poison']);
  });
});
