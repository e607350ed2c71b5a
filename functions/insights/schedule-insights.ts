import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { scheduleInsightsRuns } from '@rapport/domain';
import { insightsRuntime, type InsightsRuntime } from '../shared/runtime/insights';

/**
 * The daily schedule's target: queues one run per tenant (from the sparse tenant listing); the
 * insights worker does the runs. Tenants whose run is still going are skipped.
 */
export const createScheduleInsightsHandler = (rt: InsightsRuntime) =>
  middy<unknown, { tenants: number; started: number }>()
    .use(injectLambdaContext(rt.logger, { resetKeys: true }))
    .handler(async () => {
      const result = await scheduleInsightsRuns(rt.insightsSchedule());
      rt.logger.info('Insights runs queued', result);
      return result;
    });

export const handler = createScheduleInsightsHandler(insightsRuntime());
