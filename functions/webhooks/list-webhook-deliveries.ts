import { createHttpHandler, decodeCursor, encodeCursor, ok, webhookEndpoints } from '@rapport/http';
import { webhooksRuntime, type WebhooksRuntime } from '../shared/runtime/webhooks';
import { pageQuery, webhookIdParams } from './webhook-http';

export const createListWebhookDeliveriesHandler = (rt: WebhooksRuntime) =>
  createHttpHandler(rt, webhookEndpoints.listWebhookDeliveries, { params: webhookIdParams, query: pageQuery }, async ({ params, query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.webhooksFor(actor).deliveries(params.id, { limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListWebhookDeliveriesHandler(webhooksRuntime());
