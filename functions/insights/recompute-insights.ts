import { createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { insightsStatusView } from './insights-http';

export const createRecomputeInsightsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'recomputeInsights', {}, async ({ actor }) => {
    const { job } = await rt.insightsFor(actor).recompute();
    return { statusCode: 202, body: insightsStatusView(job), headers: { location: '/v1/insights/status' } };
  });

export const handler = createRecomputeInsightsHandler(runtime());
