import { analyticsQuery, createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createGetServiceHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getAnalyticsService', { query: analyticsQuery }, async ({ query, actor }) => ok(await rt.analyticsFor(actor).service(query)));

export const handler = createGetServiceHandler(runtime());
