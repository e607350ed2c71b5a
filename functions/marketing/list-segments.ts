import { createHttpHandler, decodeCursor, encodeCursor, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { pageQuery } from './marketing-http';

export const createListSegmentsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listSegments', { query: pageQuery }, async ({ query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.segmentsFor(actor).list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListSegmentsHandler(runtime());
