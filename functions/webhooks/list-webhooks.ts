import { createHttpHandler, decodeCursor, encodeCursor, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { pageQuery } from './webhook-http';

export const createListWebhooksHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listWebhooks', { query: pageQuery }, async ({ query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.webhooksFor(actor).list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListWebhooksHandler(runtime());
