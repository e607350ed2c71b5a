import { createHttpHandler, dealListQuery, decodeCursor, encodeCursor, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createListDealsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listDeals', { query: dealListQuery }, async ({ query, actor }) => {
    const { cursor, ...options } = query;
    const afterId = cursor === undefined ? undefined : decodeCursor(cursor);
    const page = await rt.dealsFor(actor).list({ ...options, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListDealsHandler(runtime());
