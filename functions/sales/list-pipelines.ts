import { createHttpHandler, decodeCursor, encodeCursor, ok, pipelineListQuery, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';

export const createListPipelinesHandler = (rt: SalesRuntime) =>
  createHttpHandler(rt, salesEndpoints.listPipelines, { query: pipelineListQuery }, async ({ query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.pipelinesFor(actor).list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListPipelinesHandler(salesRuntime());
