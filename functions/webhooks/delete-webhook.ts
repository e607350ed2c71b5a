import { createHttpHandler, noContent, webhookEndpoints } from '@rapport/http';
import { webhooksRuntime, type WebhooksRuntime } from '../shared/runtime/webhooks';
import { webhookIdParams } from './webhook-http';

export const createDeleteWebhookHandler = (rt: WebhooksRuntime) =>
  createHttpHandler(rt, webhookEndpoints.deleteWebhook, { params: webhookIdParams }, async ({ params, actor }) => {
    await rt.webhooksFor(actor).delete(params.id);
    return noContent();
  });

export const handler = createDeleteWebhookHandler(webhooksRuntime());
