import { analyticsQuery, createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createGetRevenueHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getAnalyticsRevenue', { query: analyticsQuery }, async ({ query, actor }) => ok(await rt.analyticsFor(actor).revenue(query)));

export const handler = createGetRevenueHandler(runtime());
