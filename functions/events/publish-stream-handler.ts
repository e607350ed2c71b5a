import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { readDomainEvents } from '@rapport/events';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { PublisherRuntime } from './events-runtime';

/**
 * The table stream's second consumer (filtered by `OUTBOUND_STREAM_FILTER` to audit events of
 * published actions): turns each into its domain event and puts it on the bus. Events the bus
 * refused are reported as batch item failures, so the mapping delivers them again (with what
 * follows them: at least once, never lost); nothing here needs the audit chain's order.
 */
export const createPublishStreamHandler = (rt: PublisherRuntime) =>
  middy<DynamoDBStreamEvent, DynamoDBBatchResponse>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(rt.logger, { resetKeys: true }))
    .use(captureLambdaHandler(rt.tracer, { captureResponse: false }))
    .handler(async (event) => {
      const streamed = readDomainEvents(event.Records);
      const { failed } = await rt.publisher.publish(streamed.map(({ event: domainEvent }) => domainEvent));
      const failedIds = new Set(failed.map((domainEvent) => domainEvent.id));
      const batchItemFailures = streamed.filter(({ event: domainEvent }) => failedIds.has(domainEvent.id)).map(({ sequenceNumber }) => ({ itemIdentifier: sequenceNumber }));
      if (batchItemFailures.length > 0) rt.logger.warn('Domain events left for redelivery', { events: streamed.length, failures: batchItemFailures.length });
      return { batchItemFailures };
    });
