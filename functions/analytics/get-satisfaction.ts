import { analyticsQuery, createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createGetSatisfactionHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getAnalyticsSatisfaction', { query: analyticsQuery }, async ({ query, actor }) => ok(await rt.analyticsFor(actor).satisfaction(query)));

export const handler = createGetSatisfactionHandler(runtime());
