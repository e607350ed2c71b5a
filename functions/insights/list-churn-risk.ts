import { churnRiskQuery, createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { churnCursor } from './insights-http';

export const createListChurnRiskHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listChurnRisk', { query: churnRiskQuery }, async ({ query, actor }) => {
    const after = query.cursor === undefined ? undefined : churnCursor.decode(query.cursor);
    const page = await rt.insightsFor(actor).atRisk(query.level, { limit: query.limit, ...(after ? { after } : {}) });
    return ok({ items: page.items, nextCursor: page.next ? churnCursor.encode(page.next) : null });
  });

export const handler = createListChurnRiskHandler(runtime());
