import { createHttpHandler, decodeCursor, encodeCursor, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { pageQuery, webhookIdParams } from './webhook-http';

export const createListWebhookDeliveriesHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listWebhookDeliveries', { params: webhookIdParams, query: pageQuery }, async ({ params, query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.webhooksFor(actor).deliveries(params.id, { limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListWebhookDeliveriesHandler(runtime());
