import { IMPORT_CHUNK_CONCURRENCY } from '@rapport/domain';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lambdaContext } from './api-gateway-event';
import type { SqsLocal } from './engines/sqs-local';

/** The import queue's name locally (in AWS the CDK names it). */
export const LOCAL_IMPORT_QUEUE = 'rapport-imports';

/**
 * The import worker as AWS runs it, locally: the local queue delivers each message, in the SQS
 * event shape, to the same handler the queue's event source mapping invokes in Lambda, as many at
 * once as its maximum concurrency there. Load it after the functions' environment is set.
 */
export async function startImportPipeline(options: { functionsDir: string; queue: SqsLocal }): Promise<void> {
  const module = (await import(pathToFileURL(join(options.functionsDir, 'imports/process-import-chunk.ts')).href)) as {
    handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
  };
  options.queue.consume(LOCAL_IMPORT_QUEUE, (event) => module.handler(event, lambdaContext('imports-process-import-chunk', 120_000)), {
    concurrency: IMPORT_CHUNK_CONCURRENCY,
  });
}
