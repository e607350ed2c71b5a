import { analyticsQuery, createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createGetConversionHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getAnalyticsConversion', { query: analyticsQuery }, async ({ query, actor }) => ok(await rt.analyticsFor(actor).conversion(query)));

export const handler = createGetConversionHandler(runtime());
