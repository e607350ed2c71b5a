import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { digestRuntime, type DigestRuntime } from './audit-runtime';

/**
 * Runs on a schedule (EventBridge in AWS, the digest timer locally): signs a checkpoint of each tenant's Merkle tree and digests over every
 * archived object no digest covers yet. A failure for any tenant fails the invocation, after the
 * other tenants are done, so it shows in the function's error metric.
 */
export const createWriteDigestsHandler = (rt: DigestRuntime) =>
  middy<ScheduledEvent | Record<string, never>, { digests: number; checkpoints: number }>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(rt.logger, { resetKeys: true }))
    .use(captureLambdaHandler(rt.tracer, { captureResponse: false }))
    .handler(async () => {
      const result = await rt.digestWriter.writeDigests();
      if (result.digests > 0 || result.checkpoints > 0) rt.logger.info('Audit digests and checkpoints written', result);
      return result;
    });

export const handler = createWriteDigestsHandler(digestRuntime());
