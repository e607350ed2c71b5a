import { analyticsEndpoints, analyticsQuery, createHttpHandler, ok } from '@rapport/http';
import { analyticsRuntime, type AnalyticsRuntime } from '../shared/runtime/analytics';

export const createGetSatisfactionHandler = (rt: AnalyticsRuntime) =>
  createHttpHandler(rt, analyticsEndpoints.getAnalyticsSatisfaction, { query: analyticsQuery }, async ({ query, actor }) => ok(await rt.analyticsFor(actor).satisfaction(query)));

export const handler = createGetSatisfactionHandler(analyticsRuntime());
