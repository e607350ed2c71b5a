import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_REGION } from './running-engine';

export interface SqsLocalOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Wait before a failed message is delivered again (the queue's visibility timeout). */
  retryDelayMs?: number;
  /** Deliveries before a message goes to the dead letters (the redrive policy's maxReceiveCount). */
  maxReceiveCount?: number;
}

export type SqsConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

export interface SqsLocal {
  endpoint: string;
  /** The URL of the named queue, as `SendMessage` takes it. */
  queueUrl(name: string): string;
  /**
   * Delivers the queue's messages, one per event, to `consumer` (an event source mapping with batch
   * size 1), up to `concurrency` at once (its maximum concurrency; 1 by default).
   */
  consume(name: string, consumer: SqsConsumer, options?: { concurrency?: number }): void;
  /** Resolves once every queue is empty and nothing is being delivered. */
  drain(): Promise<void>;
  /** Messages that failed every delivery, by queue. */
  deadLetters(name: string): string[];
  stop(): Promise<void>;
}

interface Message {
  id: string;
  body: string;
  receives: number;
}

/**
 * The part of SQS the import worker needs, on loopback: `SendMessage` over the JSON protocol the
 * AWS SDK speaks (so the handlers' SQS adapter runs unchanged), and delivery to a consumer in the
 * SQS event shape, with redelivery after a failure and dead letters after `maxReceiveCount`.
 * Messages live in memory: an import interrupted by a restart of the local stack is resumed from
 * its checkpoint by `POST /v1/imports/{id}/commit` again.
 */
export async function startSqsLocal(options: SqsLocalOptions = {}): Promise<SqsLocal> {
  const queues = new Map<string, { messages: Message[]; consumer?: SqsConsumer; concurrency: number; inFlight: number; dead: string[] }>();
  const idle = new Set<() => void>();
  let stopped = false;
  const queueOf = (name: string) => {
    let queue = queues.get(name);
    if (!queue) queues.set(name, (queue = { messages: [], concurrency: 1, inFlight: 0, dead: [] }));
    return queue;
  };
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const maxReceiveCount = options.maxReceiveCount ?? 5;
  const timers = new Set<NodeJS.Timeout>();

  const settled = () => [...queues.values()].every((queue) => queue.messages.length === 0 && queue.inFlight === 0) && timers.size === 0;
  const notify = () => {
    if (!settled()) return;
    for (const resolve of idle) resolve();
    idle.clear();
  };

  const pump = (name: string) => {
    const queue = queueOf(name);
    if (stopped || queue.inFlight >= queue.concurrency || !queue.consumer || queue.messages.length === 0) return notify();
    const message = queue.messages.shift()!;
    message.receives += 1;
    queue.inFlight += 1;
    void (async () => {
      let failed = false;
      try {
        const result = await queue.consumer!({ Records: [record(name, message)] });
        failed = (result?.batchItemFailures ?? []).length > 0;
      } catch {
        failed = true;
      }
      queue.inFlight -= 1;
      if (failed) {
        if (message.receives >= maxReceiveCount) queue.dead.push(message.body);
        else {
          const timer = setTimeout(() => {
            timers.delete(timer);
            queue.messages.push(message);
            pump(name);
          }, retryDelayMs);
          timers.add(timer);
        }
      }
      pump(name);
    })();
  };

  const server = createServer((request, response) => {
    void (async () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const input = JSON.parse((await bodyOf(request)) || '{}') as { QueueUrl?: string; MessageBody?: string };
      if (target !== 'AmazonSQS.SendMessage' || !input.QueueUrl || input.MessageBody === undefined) {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ __type: 'com.amazonaws.sqs#UnsupportedOperation', message: `sqs-local supports SendMessage only, not ${target}` }));
        return;
      }
      const name = new URL(input.QueueUrl).pathname.split('/').pop()!;
      const message = { id: randomUUID(), body: input.MessageBody, receives: 0 };
      queueOf(name).messages.push(message);
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ MessageId: message.id, MD5OfMessageBody: md5(message.body) }));
      pump(name);
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    queueUrl: (name) => `${endpoint}/000000000000/${name}`,
    consume: (name, consumer, consumeOptions = {}) => {
      const queue = queueOf(name);
      queue.consumer = consumer;
      queue.concurrency = Math.max(1, consumeOptions.concurrency ?? 1);
      for (let slot = 0; slot < queue.concurrency; slot++) pump(name);
    },
    drain: () => (settled() ? Promise.resolve() : new Promise<void>((resolve) => idle.add(resolve))),
    deadLetters: (name) => [...queueOf(name).dead],
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

function record(queue: string, message: Message): SQSRecord {
  return {
    messageId: message.id,
    receiptHandle: `${message.id}#${message.receives}`,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receives),
      SentTimestamp: String(Date.now()),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: md5(message.body),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${LOCAL_REGION}:000000000000:${queue}`,
    awsRegion: LOCAL_REGION,
  };
}

function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
