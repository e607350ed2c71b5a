import { performanceQuerySchema } from '@rapport/domain';
import { createHttpHandler, marketingEndpoints, ok } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';

export const createGetCampaignPerformanceHandler = (rt: MarketingRuntime) =>
  createHttpHandler(rt, marketingEndpoints.getCampaignPerformance, { query: performanceQuerySchema }, async ({ query, actor }) =>
    ok(await rt.campaignsFor(actor).performance(query.from, query.to)),
  );

export const handler = createGetCampaignPerformanceHandler(marketingRuntime());
