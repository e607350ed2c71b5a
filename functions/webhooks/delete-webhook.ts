import { createHttpHandler, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { webhookIdParams } from './webhook-http';

export const createDeleteWebhookHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'deleteWebhook', { params: webhookIdParams }, async ({ params, actor }) => {
    await rt.webhooksFor(actor).delete(params.id);
    return noContent();
  });

export const handler = createDeleteWebhookHandler(runtime());
