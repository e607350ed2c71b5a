import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lambdaContext } from './api-gateway-event';
import { startDigestTimer, type DigestTimer } from './digest-timer';
import type { SqsLocal } from './engines/sqs-local';

/** The insights queue's name locally (in AWS the CDK names it). */
export const LOCAL_INSIGHTS_QUEUE = 'rapport-insights';
/** Locally the schedule runs every day too, counted from the stack's start (02:00 UTC in AWS). */
export const LOCAL_INSIGHTS_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface InsightsPipeline {
  stop(): Promise<void>;
}

/**
 * The insights job as AWS runs it, locally: the local queue delivers each message to the same
 * worker handler the queue's event source mapping invokes in Lambda, and a timer stands in for
 * the daily schedule, invoking the scheduler handler. Load it after the functions' environment is set.
 */
export async function startInsightsPipeline(options: { functionsDir: string; queue: SqsLocal; scheduleIntervalMs?: number }): Promise<InsightsPipeline> {
  const load = async <T>(handler: string) => (await import(pathToFileURL(join(options.functionsDir, `${handler}.ts`)).href)) as { handler: T };
  const worker = await load<(event: SQSEvent, context: Context) => Promise<SQSBatchResponse>>('insights/process-insights-chunk');
  const scheduler = await load<(event: unknown, context: Context) => Promise<unknown>>('insights/schedule-insights');
  options.queue.consume(LOCAL_INSIGHTS_QUEUE, (event) => worker.handler(event, lambdaContext('insights-process-insights-chunk', 300_000)));
  const timer: DigestTimer = startDigestTimer({
    run: () => scheduler.handler({}, lambdaContext('insights-schedule-insights', 300_000)),
    intervalMs: options.scheduleIntervalMs ?? LOCAL_INSIGHTS_INTERVAL_MS,
    onError: (error) => console.error('The scheduled insights run failed', error),
  });
  return { stop: () => timer.stop() };
}
