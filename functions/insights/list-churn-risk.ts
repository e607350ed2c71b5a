import { churnRiskQuery, createHttpHandler, insightsEndpoints, ok } from '@rapport/http';
import { insightsRuntime, type InsightsRuntime } from '../shared/runtime/insights';
import { churnCursor } from './insights-http';

export const createListChurnRiskHandler = (rt: InsightsRuntime) =>
  createHttpHandler(rt, insightsEndpoints.listChurnRisk, { query: churnRiskQuery }, async ({ query, actor }) => {
    const after = query.cursor === undefined ? undefined : churnCursor.decode(query.cursor);
    const page = await rt.insightsFor(actor).atRisk(query.level, { limit: query.limit, ...(after ? { after } : {}) });
    return ok({ items: page.items, nextCursor: page.next ? churnCursor.encode(page.next) : null });
  });

export const handler = createListChurnRiskHandler(insightsRuntime());
