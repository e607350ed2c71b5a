import { matchesAuditStreamFilter } from '@rapport/audit';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lambdaContext } from './api-gateway-event';
import { startDigestTimer, LOCAL_DIGEST_INTERVAL_MS } from './digest-timer';
import { startStreamPoller } from './stream-poller';

export interface AuditPipelineOptions {
  dynamodbEndpoint: string;
  tableName: string;
  functionsDir: string;
  /** Where the stream position is kept, so a restart neither re-archives nor skips. */
  checkpointFile?: string;
  digestIntervalMs?: number;
  pollIntervalMs?: number;
}

export interface AuditPipeline {
  /** Resolves once everything written so far is archived. */
  drain(): Promise<void>;
  /** Writes signed digests for whatever is archived and not yet covered. */
  writeDigests(): Promise<void>;
  stop(): Promise<void>;
}

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

/**
 * The audit pipeline as AWS runs it, locally: the table's stream (polled from DynamoDB Local,
 * filtered like the event source mapping) invokes the same archive handler Lambda runs, and a
 * timer invokes the same digest handler the EventBridge schedule does. Handlers are imported
 * after the functions' environment is set, as Lambda would load them.
 */
export async function startAuditPipeline(options: AuditPipelineOptions): Promise<AuditPipeline> {
  const load = async <E, R>(handler: string) =>
    ((await import(pathToFileURL(join(options.functionsDir, `${handler}.ts`)).href)) as { handler: Handler<E, R> }).handler;
  const archive = await load<DynamoDBStreamEvent, DynamoDBBatchResponse>('audit/archive-stream');
  const writeDigests = await load<unknown, unknown>('audit/write-digests');
  const runDigests = async () => {
    await writeDigests({}, lambdaContext('audit-write-digests', 300_000));
  };

  const poller = await startStreamPoller({
    endpoint: options.dynamodbEndpoint,
    tableName: options.tableName,
    filter: matchesAuditStreamFilter,
    handler: (event) => archive(event, lambdaContext('audit-archive-stream', 30_000)),
    ...(options.checkpointFile ? { checkpointFile: options.checkpointFile } : {}),
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
  });
  const timer = startDigestTimer({ run: runDigests, intervalMs: options.digestIntervalMs ?? LOCAL_DIGEST_INTERVAL_MS });

  return {
    drain: () => poller.drain(),
    writeDigests: runDigests,
    stop: async () => {
      await timer.stop();
      await poller.stop();
    },
  };
}
