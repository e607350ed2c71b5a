import { createHttpHandler, ok, webhookEndpoints } from '@rapport/http';
import { webhooksRuntime, type WebhooksRuntime } from '../shared/runtime/webhooks';
import { webhookHeaders, webhookIdParams } from './webhook-http';

export const createRotateWebhookSecretHandler = (rt: WebhooksRuntime) =>
  createHttpHandler(rt, webhookEndpoints.rotateWebhookSecret, { params: webhookIdParams }, async ({ params, actor }) => {
    const webhook = await rt.webhooksFor(actor).rotateSecret(params.id);
    return ok(webhook, webhookHeaders(webhook));
  });

export const handler = createRotateWebhookSecretHandler(webhooksRuntime());
