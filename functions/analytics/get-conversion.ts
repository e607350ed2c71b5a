import { analyticsEndpoints, analyticsQuery, createHttpHandler, ok } from '@rapport/http';
import { analyticsRuntime, type AnalyticsRuntime } from '../shared/runtime/analytics';

export const createGetConversionHandler = (rt: AnalyticsRuntime) =>
  createHttpHandler(rt, analyticsEndpoints.getAnalyticsConversion, { query: analyticsQuery }, async ({ query, actor }) => ok(await rt.analyticsFor(actor).conversion(query)));

export const handler = createGetConversionHandler(analyticsRuntime());
