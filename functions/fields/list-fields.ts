import { createHttpHandler, decodeCursor, encodeCursor, fieldListQuery, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createListFieldsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listFields', { query: fieldListQuery }, async ({ query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.fieldsFor(actor).list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListFieldsHandler(runtime());
