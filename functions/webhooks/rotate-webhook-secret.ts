import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { webhookHeaders, webhookIdParams } from './webhook-http';

export const createRotateWebhookSecretHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'rotateWebhookSecret', { params: webhookIdParams }, async ({ params, actor }) => {
    const webhook = await rt.webhooksFor(actor).rotateSecret(params.id);
    return ok(webhook, webhookHeaders(webhook));
  });

export const handler = createRotateWebhookSecretHandler(runtime());
