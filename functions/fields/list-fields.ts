import { createHttpHandler, decodeCursor, encodeCursor, fieldEndpoints, fieldListQuery, ok } from '@rapport/http';
import { fieldsRuntime, type FieldsRuntime } from '../shared/runtime/fields';

export const createListFieldsHandler = (rt: FieldsRuntime) =>
  createHttpHandler(rt, fieldEndpoints.listFields, { query: fieldListQuery }, async ({ query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.fieldsFor(actor).list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListFieldsHandler(fieldsRuntime());
