import { createHttpHandler, insightsEndpoints, ok, recommendationsQuery } from '@rapport/http';
import { insightsRuntime, type InsightsRuntime } from '../shared/runtime/insights';
import { ruleCursor } from './insights-http';

export const createListRecommendationsHandler = (rt: InsightsRuntime) =>
  createHttpHandler(rt, insightsEndpoints.listRecommendations, { query: recommendationsQuery }, async ({ query, actor }) => {
    const offset = query.cursor === undefined ? 0 : ruleCursor.decode(query.cursor);
    const page = await rt.insightsFor(actor).recommendations(query.product, { limit: query.limit, offset });
    return ok({ items: page.items, nextCursor: page.next === null ? null : ruleCursor.encode(page.next), computedAt: page.computedAt });
  });

export const handler = createListRecommendationsHandler(insightsRuntime());
