import { createHttpHandler, ok, webhookEndpoints } from '@rapport/http';
import { webhooksRuntime, type WebhooksRuntime } from '../shared/runtime/webhooks';
import { webhookHeaders, webhookIdParams } from './webhook-http';

export const createGetWebhookHandler = (rt: WebhooksRuntime) =>
  createHttpHandler(rt, webhookEndpoints.getWebhook, { params: webhookIdParams }, async ({ params, actor }) => {
    const webhook = await rt.webhooksFor(actor).get(params.id);
    return ok(webhook, webhookHeaders(webhook));
  });

export const handler = createGetWebhookHandler(webhooksRuntime());
