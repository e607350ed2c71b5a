import { createHttpHandler, decodeCursor, encodeCursor, ok, pipelineListQuery } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createListPipelinesHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listPipelines', { query: pipelineListQuery }, async ({ query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.pipelinesFor(actor).list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListPipelinesHandler(runtime());
