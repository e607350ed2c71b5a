import { analyticsEndpoints, analyticsQuery, createHttpHandler, ok } from '@rapport/http';
import { analyticsRuntime, type AnalyticsRuntime } from '../shared/runtime/analytics';

export const createGetServiceHandler = (rt: AnalyticsRuntime) =>
  createHttpHandler(rt, analyticsEndpoints.getAnalyticsService, { query: analyticsQuery }, async ({ query, actor }) => ok(await rt.analyticsFor(actor).service(query)));

export const handler = createGetServiceHandler(analyticsRuntime());
