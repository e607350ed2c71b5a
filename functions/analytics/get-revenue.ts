import { analyticsEndpoints, analyticsQuery, createHttpHandler, ok } from '@rapport/http';
import { analyticsRuntime, type AnalyticsRuntime } from '../shared/runtime/analytics';

export const createGetRevenueHandler = (rt: AnalyticsRuntime) =>
  createHttpHandler(rt, analyticsEndpoints.getAnalyticsRevenue, { query: analyticsQuery }, async ({ query, actor }) => ok(await rt.analyticsFor(actor).revenue(query)));

export const handler = createGetRevenueHandler(analyticsRuntime());
