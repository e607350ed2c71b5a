import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { MalformedRetryError, parseRetryMessage, secondsUntilDue } from '@rapport/events';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { DispatcherRuntime } from './events-runtime';

/**
 * The retry queue's consumer: a retry that is due is attempted (and, failing, scheduled again by
 * the delivery service); one that is not yet due (a wait longer than the queue's 15-minute delay)
 * goes back to wait the rest. A message that fails is reported alone, so the queue redelivers only
 * it and, after its redrive limit, moves it to the dead-letter queue.
 */
export const createRetryWebhooksHandler = (rt: DispatcherRuntime) =>
  middy<SQSEvent, SQSBatchResponse>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(rt.logger, { resetKeys: true }))
    .use(captureLambdaHandler(rt.tracer, { captureResponse: false }))
    .handler(async (event) => {
      const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
      for (const record of event.Records) {
        try {
          const retry = parseRetryMessage(record.messageId, record.body);
          const wait = secondsUntilDue(retry, rt.clock.now());
          if (wait > 0) await rt.retries.schedule(retry, wait);
          else await rt.deliveryFor(retry.tenantId).retry(retry);
        } catch (error) {
          if (error instanceof MalformedRetryError) {
            // Not ours to deliver: redelivering it would never succeed.
            rt.logger.error('Dropped a message that is not a webhook retry', { messageId: record.messageId });
            continue;
          }
          rt.logger.error('A webhook retry failed; the queue delivers it again', { messageId: record.messageId, error: error as Error });
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
      }
      return { batchItemFailures };
    });
