import { createHttpHandler, decodeCursor, encodeCursor, ok, webhookEndpoints } from '@rapport/http';
import { webhooksRuntime, type WebhooksRuntime } from '../shared/runtime/webhooks';
import { pageQuery } from './webhook-http';

export const createListWebhooksHandler = (rt: WebhooksRuntime) =>
  createHttpHandler(rt, webhookEndpoints.listWebhooks, { query: pageQuery }, async ({ query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.webhooksFor(actor).list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListWebhooksHandler(webhooksRuntime());
