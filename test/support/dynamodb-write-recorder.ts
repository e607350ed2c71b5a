import { afterAll } from 'vitest';
import { createServer, request as forward, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A primary key as the table holds it. */
export interface RecordedKey {
  pk: string;
  sk: string;
}

/** One write request the handlers sent: its operation and every item it touched (condition checks included). */
export interface RecordedWrite {
  operation: 'TransactWriteItems' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem';
  keys: RecordedKey[];
  /** Whether DynamoDB carried it out (false: refused, e.g. a condition failed and the transaction was cancelled); unset until it answers. */
  succeeded?: boolean;
}

type Marshalled = Record<string, { S?: string } | undefined>;
const keyOf = (item: Marshalled | undefined): RecordedKey => ({ pk: String(item?.pk?.S), sk: String(item?.sk?.S) });

/** The items a write request names, from its JSON body (the DynamoDB wire format). */
function keysOf(operation: RecordedWrite['operation'], body: any): RecordedKey[] {
  switch (operation) {
    case 'TransactWriteItems':
      return (body.TransactItems ?? []).map((item: any) => keyOf(item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key));
    case 'PutItem':
      return [keyOf(body.Item)];
    case 'UpdateItem':
    case 'DeleteItem':
      return [keyOf(body.Key)];
    case 'BatchWriteItem':
      return Object.values(body.RequestItems ?? {}).flatMap((requests: any) => requests.map((request: any) => keyOf(request.PutRequest?.Item ?? request.DeleteRequest?.Key)));
  }
}

/**
 * The rate limiter's count of the request itself (`TENANT#<t>#RATE#<shard>`, one UpdateItem before
 * the route runs): every counted request makes it, refused or not, so it is kept apart from what the
 * request wrote ("a 400 writes nothing" means no record, lookup or audit item).
 */
const isRateCount = (write: RecordedWrite) => write.operation === 'UpdateItem' && write.keys.every((key) => /^TENANT#[^#]+#RATE#\d+$/.test(key.pk));

const WRITES = new Set(['TransactWriteItems', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

const bodyOf = (message: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });

/**
 * A pass-through proxy in front of DynamoDB Local that records the key of every item each write
 * request touches, so a test sees what the handlers wrote without wrapping their clients. Point the
 * handlers' `AWS_ENDPOINT_URL_DYNAMODB` at `url`.
 */
export async function startDynamoWriteRecorder(target: string) {
  const writes: RecordedWrite[] = [];
  const rateCounts: RecordedWrite[] = [];
  const upstream = new URL(target);
  const server = createServer(async (incoming, outgoing) => {
    try {
      const body = await bodyOf(incoming);
      const operation = String(incoming.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const write: RecordedWrite | undefined = WRITES.has(operation)
        ? { operation: operation as RecordedWrite['operation'], keys: keysOf(operation as RecordedWrite['operation'], JSON.parse(body.toString('utf8'))) }
        : undefined;
      if (write) (isRateCount(write) ? rateCounts : writes).push(write);
      const proxied = forward(
        { hostname: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: upstream.host } },
        (answer) => {
          if (write) write.succeeded = answer.statusCode === 200;
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      proxied.on('error', (error) => outgoing.destroy(error));
      proxied.end(body);
    } catch (error) {
      outgoing.destroy(error as Error);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Every write recorded since the last `clear()`, but the rate limiter's counts. */
    writes,
    /** The rate limiter's counts of requests since the last `clear()`. */
    rateCounts,
    clear: () => {
      writes.splice(0);
      rateCounts.splice(0);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * For `useTestApi({ interceptDynamoDB })`: puts a recorder in front of DynamoDB Local for the file's
 * handlers, stopped after the file. `recorder()` is the recorder once the stack has started.
 */
export function recordHandlerWrites() {
  let recorder: Awaited<ReturnType<typeof startDynamoWriteRecorder>> | undefined;
  afterAll(() => recorder?.stop());
  return {
    interceptDynamoDB: async (endpoint: string) => {
      recorder = await startDynamoWriteRecorder(endpoint);
      return recorder.url;
    },
    recorder: () => recorder!,
  };
}
