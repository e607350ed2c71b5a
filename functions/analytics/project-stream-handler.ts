import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { sourceChangeOf } from '@rapport/events';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { AnalyticsProjectorRuntime } from './analytics-runtime';

/**
 * The table stream's third consumer (filtered by `ANALYTICS_STREAM_FILTERS` to contacts, orders,
 * feedback, deals and tickets): moves the analytics aggregates by each record's difference. Records
 * are applied in stream order; at the first that fails, it and everything after it are reported as
 * batch item failures (Lambda delivers again from the lowest), so no record of an item is applied
 * before an earlier one. Redeliveries are recognised by the projector and change nothing.
 */
export const createProjectStreamHandler = (rt: AnalyticsProjectorRuntime) =>
  middy<DynamoDBStreamEvent, DynamoDBBatchResponse>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(rt.logger, { resetKeys: true }))
    .use(captureLambdaHandler(rt.tracer, { captureResponse: false }))
    .handler(async (event) => {
      const tenants = new Map<string, Promise<boolean>>();
      const outcomes: Record<string, number> = {};
      for (const [index, record] of event.Records.entries()) {
        try {
          const change = sourceChangeOf(record);
          if (!change) continue;
          if (!tenants.has(change.tenantId)) tenants.set(change.tenantId, rt.tenantExists(change.tenantId));
          if (!(await tenants.get(change.tenantId))) continue;
          const outcome = await rt.projector.project(change);
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        } catch (error) {
          const failures = event.Records.slice(index).map((failed) => ({ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' }));
          rt.logger.warn('Analytics records left for redelivery', { records: event.Records.length, failures: failures.length, error: error as Error });
          return { batchItemFailures: failures };
        }
      }
      rt.logger.debug('Analytics records projected', { outcomes });
      return { batchItemFailures: [] };
    });
