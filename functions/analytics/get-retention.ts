import { analyticsQuery, createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createGetRetentionHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getAnalyticsRetention', { query: analyticsQuery }, async ({ query, actor }) => ok(await rt.analyticsFor(actor).retention(query)));

export const handler = createGetRetentionHandler(runtime());
