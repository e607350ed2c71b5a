import { webhookCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { assertWebhookUrlAllowed, webhookHeaders } from './webhook-http';

export const createCreateWebhookHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createWebhook', { body: webhookCreateSchema }, async ({ body, actor }) => {
    assertWebhookUrlAllowed(body.url, rt.env.WEBHOOK_URL_POLICY);
    const webhook = await rt.webhooksFor(actor).create(body);
    return created(webhook, { ...webhookHeaders(webhook), location: `/v1/webhooks/${webhook.id}` });
  });

export const handler = createCreateWebhookHandler(runtime());
