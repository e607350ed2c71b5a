import { matchesAnalyticsStreamFilter } from '@rapport/events';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lambdaContext } from './api-gateway-event';
import { startStreamPoller } from './stream-poller';

export interface AnalyticsPipelineOptions {
  dynamodbEndpoint: string;
  tableName: string;
  functionsDir: string;
  /** Where this consumer's own stream position is kept, apart from the other consumers'. */
  checkpointFile?: string;
  pollIntervalMs?: number;
}

export interface AnalyticsPipeline {
  /** Resolves once everything written so far is in the aggregates. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

/**
 * The analytics projector as AWS runs it, locally: the table's stream, polled like its event
 * source mapping (with its filters, batch size and window), invokes the same handler Lambda runs.
 * It keeps the workspace completeness totals too.
 */
export async function startAnalyticsPipeline(options: AnalyticsPipelineOptions): Promise<AnalyticsPipeline> {
  const load = async <T>(module: string) => (await import(pathToFileURL(join(options.functionsDir, `${module}.ts`)).href)) as T;
  const { createAnalyticsProjectorRuntime } = await load<{ createAnalyticsProjectorRuntime(env: NodeJS.ProcessEnv): unknown }>('analytics/analytics-runtime');
  const { createProjectStreamHandler } = await load<{ createProjectStreamHandler(rt: unknown): Handler<DynamoDBStreamEvent, DynamoDBBatchResponse> }>(
    'analytics/project-stream-handler',
  );
  const project = createProjectStreamHandler(createAnalyticsProjectorRuntime(process.env));
  const poller = await startStreamPoller({
    endpoint: options.dynamodbEndpoint,
    tableName: options.tableName,
    filter: matchesAnalyticsStreamFilter,
    handler: (event) => project(event, lambdaContext('analytics-project-stream', 60_000)),
    batchSize: ANALYTICS_BATCH_SIZE,
    ...(options.checkpointFile ? { checkpointFile: options.checkpointFile } : {}),
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
  });
  return { drain: () => poller.drain(), stop: () => poller.stop() };
}

/** As the event source mapping in AWS (infra/lib/analytics/analytics-projector.ts). */
export const ANALYTICS_BATCH_SIZE = 100;
