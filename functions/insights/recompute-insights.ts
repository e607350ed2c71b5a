import { createHttpHandler, insightsEndpoints } from '@rapport/http';
import { insightsRuntime, type InsightsRuntime } from '../shared/runtime/insights';
import { insightsStatusView } from './insights-http';

export const createRecomputeInsightsHandler = (rt: InsightsRuntime) =>
  createHttpHandler(rt, insightsEndpoints.recomputeInsights, {}, async ({ actor }) => {
    const { job } = await rt.insightsFor(actor).recompute();
    return { statusCode: 202, body: insightsStatusView(job), headers: { location: '/v1/insights/status' } };
  });

export const handler = createRecomputeInsightsHandler(insightsRuntime());
