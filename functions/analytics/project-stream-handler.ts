import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { SourceChange } from '@rapport/domain';
import { sourceChangeOf } from '@rapport/events';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { AnalyticsProjectorRuntime } from './analytics-runtime';

/**
 * The table stream's third consumer (filtered by `ANALYTICS_STREAM_FILTERS` to contacts, orders,
 * feedback, deals and tickets): moves the analytics aggregates by each record's difference, and the
 * workspace completeness totals by the batch's contact changes. Records are applied to the
 * analytics in stream order; at the first that fails, it and everything after it are reported as
 * batch item failures (Lambda delivers again from the lowest), so no record of an item is applied
 * before an earlier one. The completeness totals then take the records before that one, summed per
 * tenant; if they fail, the whole batch is delivered again. Redeliveries are recognised by both
 * projectors and change nothing. (One consumer for both: a fourth reader of the stream would exceed
 * what AWS advises per shard.)
 */
export const createProjectStreamHandler = (rt: AnalyticsProjectorRuntime) =>
  middy<DynamoDBStreamEvent, DynamoDBBatchResponse>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(rt.logger, { resetKeys: true }))
    .use(captureLambdaHandler(rt.tracer, { captureResponse: false }))
    .handler(async (event) => {
      const tenants = new Map<string, Promise<boolean>>();
      const outcomes: Record<string, number> = {};
      const projected: SourceChange[] = [];
      const failuresFrom = (index: number) => event.Records.slice(index).map((failed) => ({ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' }));
      let failures: DynamoDBBatchResponse['batchItemFailures'] = [];
      for (const [index, record] of event.Records.entries()) {
        try {
          const change = sourceChangeOf(record);
          if (!change) continue;
          if (!tenants.has(change.tenantId)) tenants.set(change.tenantId, rt.tenantExists(change.tenantId));
          if (!(await tenants.get(change.tenantId))) continue;
          const outcome = await rt.projector.project(change);
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          projected.push(change);
        } catch (error) {
          failures = failuresFrom(index);
          rt.logger.warn('Analytics records left for redelivery', { records: event.Records.length, failures: failures.length, error: error as Error });
          break;
        }
      }
      const first = event.Records[0]?.dynamodb?.SequenceNumber;
      if (first && projected.length > 0) {
        try {
          outcomes.completeness = (await rt.completeness.project(first, projected)).applied;
        } catch (error) {
          rt.logger.warn('Completeness totals left for redelivery', { records: event.Records.length, error: error as Error });
          return { batchItemFailures: failuresFrom(0) };
        }
      }
      rt.logger.debug('Analytics records projected', { outcomes });
      return { batchItemFailures: failures };
    });
