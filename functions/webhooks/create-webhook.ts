import { webhookCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { webhookHeaders } from './webhook-http';

export const createCreateWebhookHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createWebhook', { body: webhookCreateSchema(rt.env.WEBHOOK_URL_POLICY) }, async ({ body, actor }) => {
    const webhook = await rt.webhooksFor(actor).create(body);
    return created(webhook, { ...webhookHeaders(webhook), location: `/v1/webhooks/${webhook.id}` });
  });

export const handler = createCreateWebhookHandler(runtime());
