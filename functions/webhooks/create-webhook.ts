import { webhookCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, webhookEndpoints } from '@rapport/http';
import { webhooksRuntime, type WebhooksRuntime } from '../shared/runtime/webhooks';
import { assertWebhookUrlAllowed, webhookHeaders } from './webhook-http';

export const createCreateWebhookHandler = (rt: WebhooksRuntime) =>
  createHttpHandler(rt, webhookEndpoints.createWebhook, { body: webhookCreateSchema }, async ({ body, actor }) => {
    assertWebhookUrlAllowed(body.url, rt.env.WEBHOOK_URL_POLICY);
    const webhook = await rt.webhooksFor(actor).create(body);
    return created(webhook, { ...webhookHeaders(webhook), location: `/v1/webhooks/${webhook.id}` });
  });

export const handler = createCreateWebhookHandler(webhooksRuntime());
