import { performanceQuerySchema } from '@rapport/domain';
import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createGetCampaignPerformanceHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getCampaignPerformance', { query: performanceQuerySchema }, async ({ query, actor }) =>
    ok(await rt.campaignsFor(actor).performance(query.from, query.to)),
  );

export const handler = createGetCampaignPerformanceHandler(runtime());
