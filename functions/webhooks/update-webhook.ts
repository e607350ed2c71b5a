import { webhookPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { assertWebhookUrlAllowed, webhookHeaders, webhookIdParams } from './webhook-http';

export const createUpdateWebhookHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updateWebhook', { params: webhookIdParams, body: webhookPatchSchema }, async ({ params, body, headers, actor }) => {
    assertWebhookUrlAllowed(body.url, rt.env.WEBHOOK_URL_POLICY);
    const webhook = await rt.webhooksFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(webhook, webhookHeaders(webhook));
  });

export const handler = createUpdateWebhookHandler(runtime());
