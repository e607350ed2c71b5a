import { createHttpHandler, decodeCursor, encodeCursor, ok } from '@rapport/http';
import { z } from 'zod';
import { runtime, type Runtime } from '../shared/runtime';

const listQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export const createListFieldsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listFields', { query: listQuery }, async ({ query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.fieldsFor(actor).list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListFieldsHandler(runtime());
