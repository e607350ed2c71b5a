import { createHttpHandler, dealListQuery, decodeCursor, encodeCursor, ok, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';

export const createListDealsHandler = (rt: SalesRuntime) =>
  createHttpHandler(rt, salesEndpoints.listDeals, { query: dealListQuery }, async ({ query, actor }) => {
    const { cursor, ...options } = query;
    const afterId = cursor === undefined ? undefined : decodeCursor(cursor);
    const page = await rt.dealsFor(actor).list({ ...options, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListDealsHandler(salesRuntime());
