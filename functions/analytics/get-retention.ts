import { analyticsEndpoints, analyticsQuery, createHttpHandler, ok } from '@rapport/http';
import { analyticsRuntime, type AnalyticsRuntime } from '../shared/runtime/analytics';

export const createGetRetentionHandler = (rt: AnalyticsRuntime) =>
  createHttpHandler(rt, analyticsEndpoints.getAnalyticsRetention, { query: analyticsQuery }, async ({ query, actor }) => ok(await rt.analyticsFor(actor).retention(query)));

export const handler = createGetRetentionHandler(analyticsRuntime());
