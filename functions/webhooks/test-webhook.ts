import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { webhookIdParams } from './webhook-http';

export const createTestWebhookHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'testWebhook', { params: webhookIdParams }, async ({ params, actor }) => ok(await rt.webhooksFor(actor).test(params.id)));

export const handler = createTestWebhookHandler(runtime());
