import { matchesOutboundStreamFilter, type DomainEventBridgeEvent } from '@rapport/events';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lambdaContext } from './api-gateway-event';
import { LocalEventBus } from './local-event-bus';
import { startStreamPoller } from './stream-poller';

export interface EventsPipelineOptions {
  dynamodbEndpoint: string;
  tableName: string;
  functionsDir: string;
  /** Where the stream position is kept, so a restart neither publishes twice nor skips. */
  checkpointFile?: string;
  pollIntervalMs?: number;
  /** Seconds before the 2nd, 3rd, … delivery attempt; the product's schedule unless given (tests shorten it). */
  retryDelaysSeconds?: readonly number[];
}

export interface EventsPipeline {
  bus: LocalEventBus;
  /** Resolves once everything written so far is published and its first deliveries are done. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

type Handler<E, R> = (event: E, context: Context) => Promise<R>;
type Ports = { publisher?: unknown; retries?: unknown; retryDelaysSeconds?: readonly number[] };

/**
 * Outbound events as AWS runs them, locally: the table's stream (polled like the publisher's event
 * source mapping, with its filter) invokes the same publish handler Lambda runs, which puts events
 * on the in-process bus; the bus invokes the same dispatcher handler the bus rule targets, and its
 * retry timer the same retry handler the SQS queue feeds. The handler factories are wired to the
 * local bus in place of EventBridge and SQS, which have no local engine.
 */
export async function startEventsPipeline(options: EventsPipelineOptions): Promise<EventsPipeline> {
  const load = async <T>(module: string) => (await import(pathToFileURL(join(options.functionsDir, `${module}.ts`)).href)) as T;
  const runtimes = await load<{
    createPublisherRuntime(env: NodeJS.ProcessEnv, ports: Ports): unknown;
    createDispatcherRuntime(env: NodeJS.ProcessEnv, ports: Ports): unknown;
  }>('events/events-runtime');
  const { createPublishStreamHandler } = await load<{ createPublishStreamHandler(rt: unknown): Handler<DynamoDBStreamEvent, DynamoDBBatchResponse> }>(
    'events/publish-stream-handler',
  );
  const { createDispatchWebhooksHandler } = await load<{ createDispatchWebhooksHandler(rt: unknown): Handler<DomainEventBridgeEvent, unknown> }>(
    'events/dispatch-webhooks-handler',
  );
  const { createRetryWebhooksHandler } = await load<{ createRetryWebhooksHandler(rt: unknown): Handler<SQSEvent, SQSBatchResponse> }>(
    'events/retry-webhooks-handler',
  );

  let dispatch: Handler<DomainEventBridgeEvent, unknown> | undefined;
  let retry: Handler<SQSEvent, SQSBatchResponse> | undefined;
  const bus = new LocalEventBus({
    dispatch: (event) => dispatch!(event, lambdaContext('events-dispatch-webhooks', 30_000)),
    retry: (event) => retry!(event, lambdaContext('events-retry-webhooks', 30_000)),
  });
  const delays = options.retryDelaysSeconds ? { retryDelaysSeconds: options.retryDelaysSeconds } : {};
  const dispatcherRuntime = runtimes.createDispatcherRuntime(process.env, { retries: bus, ...delays });
  dispatch = createDispatchWebhooksHandler(dispatcherRuntime);
  retry = createRetryWebhooksHandler(dispatcherRuntime);
  const publish = createPublishStreamHandler(runtimes.createPublisherRuntime(process.env, { publisher: bus }));

  const poller = await startStreamPoller({
    endpoint: options.dynamodbEndpoint,
    tableName: options.tableName,
    filter: matchesOutboundStreamFilter,
    handler: (event) => publish(event, lambdaContext('events-publish-stream', 30_000)),
    ...(options.checkpointFile ? { checkpointFile: options.checkpointFile } : {}),
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
  });

  return {
    bus,
    drain: async () => {
      await poller.drain();
      await bus.settled();
    },
    stop: async () => {
      await poller.stop();
      await bus.stop();
    },
  };
}
