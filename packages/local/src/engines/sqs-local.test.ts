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

  it('delivers up to the consumer’s concurrency at once, and one at a time by default', async () => {
    // Prepare: each delivery waits until three are in flight, or 200 ms.
    queue = await startSqsLocal();
    let inFlight = 0;
    let most = 0;
    const consumer = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      for (let waited = 0; inFlight < 3 && waited < 200; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight -= 1;
    };
    queue.consume('serial', consumer);
    queue.consume('parallel', consumer, { concurrency: 3 });
    const sqs = clientOf(queue.endpoint);
    const sendFour = (name: string) => Promise.all([1, 2, 3, 4].map((n) => sqs.send(new SendMessageCommand({ QueueUrl: queue!.queueUrl(name), MessageBody: String(n) }))));

    // Act
    await sendFour('serial');
    await queue.drain();
    const serialMost = most;
    most = 0;
    await sendFour('parallel');
    await queue.drain();

    // Assess
    expect(serialMost).toBe(1);
    expect(most).toBe(3);
  });
});
