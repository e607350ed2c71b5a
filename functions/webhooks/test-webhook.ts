import { createHttpHandler, ok, webhookEndpoints } from '@rapport/http';
import { webhooksRuntime, type WebhooksRuntime } from '../shared/runtime/webhooks';
import { webhookIdParams } from './webhook-http';

export const createTestWebhookHandler = (rt: WebhooksRuntime) =>
  createHttpHandler(rt, webhookEndpoints.testWebhook, { params: webhookIdParams }, async ({ params, actor }) => ok(await rt.webhooksFor(actor).test(params.id)));

export const handler = createTestWebhookHandler(webhooksRuntime());
