import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { webhookHeaders, webhookIdParams } from './webhook-http';

export const createGetWebhookHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getWebhook', { params: webhookIdParams }, async ({ params, actor }) => {
    const webhook = await rt.webhooksFor(actor).get(params.id);
    return ok(webhook, webhookHeaders(webhook));
  });

export const handler = createGetWebhookHandler(runtime());
