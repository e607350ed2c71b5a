import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { importChunkMessageOf } from '@rapport/data';
import { normalisePhone, runImportChunk, usePhoneParser } from '@rapport/domain';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { importWorkerRuntime, type ImportWorkerRuntime } from '../shared/runtime/imports';

// Rows are validated with the contact's and the company's schemas, which take a phone (see usePhoneParser).
usePhoneParser(normalisePhone);

/**
 * The import worker, on the import queue (batch size 1, several workers at once): imports the
 * message's chunk, queueing the next one as soon as its rows are read, and records the chunk done.
 * A failure leaves the message to be delivered again, which re-reads the chunk (its rows' claims
 * keep the counts exact); after the queue's retries it goes to the dead-letter queue.
 */
export const createProcessImportChunkHandler = (rt: ImportWorkerRuntime) =>
  middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(rt.logger, { resetKeys: true }))
    .handler(async (event) => {
      const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
      for (const record of event.Records) {
        const message = importChunkMessageOf(record.body);
        if (!message) {
          rt.logger.error('Dropped a malformed import message', { messageId: record.messageId });
          continue;
        }
        try {
          const outcome = await runImportChunk(rt.importWorkerFor(message.tenantId), message);
          rt.logger.info('Import chunk done', { importId: message.importId, outcome });
        } catch (error) {
          rt.logger.error('Import chunk failed; it will be delivered again', { importId: message.importId, error: error as Error });
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
      }
      return { batchItemFailures };
    });

export const handler = createProcessImportChunkHandler(importWorkerRuntime());
