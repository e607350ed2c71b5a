import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { insightsJobMessageOf } from '@rapport/data';
import { runInsightsChunk } from '@rapport/domain';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { insightsRuntime, type InsightsRuntime } from '../shared/runtime/insights';

/**
 * The insights worker, on the insights queue (batch size 1): does the next chunk of the message's
 * run and queues the one after. A failure leaves the message to be delivered again, which resumes
 * from the run's checkpoint; after the queue's retries it goes to the dead-letter queue.
 */
export const createProcessInsightsChunkHandler = (rt: InsightsRuntime) =>
  middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(rt.logger, { resetKeys: true }))
    .handler(async (event) => {
      const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
      for (const record of event.Records) {
        const message = insightsJobMessageOf(record.body);
        if (!message) {
          rt.logger.error('Dropped a malformed insights message', { messageId: record.messageId });
          continue;
        }
        try {
          const outcome = await runInsightsChunk(rt.insightsWorkerFor(message.tenantId), message);
          rt.logger.info('Insights chunk done', { runId: message.runId, outcome });
        } catch (error) {
          rt.logger.error('Insights chunk failed; it will be delivered again', { runId: message.runId, error: error as Error });
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
      }
      return { batchItemFailures };
    });

export const handler = createProcessInsightsChunkHandler(insightsRuntime());
