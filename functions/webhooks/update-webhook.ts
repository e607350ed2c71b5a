import { webhookPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok, webhookEndpoints } from '@rapport/http';
import { webhooksRuntime, type WebhooksRuntime } from '../shared/runtime/webhooks';
import { assertWebhookUrlAllowed, webhookHeaders, webhookIdParams } from './webhook-http';

export const createUpdateWebhookHandler = (rt: WebhooksRuntime) =>
  createHttpHandler(rt, webhookEndpoints.updateWebhook, { params: webhookIdParams, body: webhookPatchSchema }, async ({ params, body, headers, actor }) => {
    assertWebhookUrlAllowed(body.url, rt.env.WEBHOOK_URL_POLICY);
    const webhook = await rt.webhooksFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(webhook, webhookHeaders(webhook));
  });

export const handler = createUpdateWebhookHandler(webhooksRuntime());
