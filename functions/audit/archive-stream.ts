import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { archiveRuntime, type ArchiveRuntime } from './audit-runtime';

/**
 * The table stream's consumer (filtered to new audit events by `AUDIT_STREAM_FILTER`): archives
 * each batch to S3 and reports the records to deliver again, so the event source mapping needs
 * `ReportBatchItemFailures`.
 */
export const createArchiveStreamHandler = (rt: ArchiveRuntime) =>
  middy<DynamoDBStreamEvent, DynamoDBBatchResponse>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(rt.logger, { resetKeys: true }))
    .use(captureLambdaHandler(rt.tracer, { captureResponse: false }))
    .handler(async (event) => {
      const result = await rt.archiver.archive(event);
      if (result.batchItemFailures.length > 0) {
        rt.logger.warn('Audit records left for redelivery', { records: event.Records.length, failures: result.batchItemFailures.length });
      }
      return result;
    });

export const handler = createArchiveStreamHandler(archiveRuntime());
