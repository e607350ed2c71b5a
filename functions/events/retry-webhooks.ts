import { dispatcherRuntime } from './events-runtime';
import { createRetryWebhooksHandler } from './retry-webhooks-handler';

/** Lambda's entry; the factory lives apart so the local stack can wire it to its in-process timer. */
export const handler = createRetryWebhooksHandler(dispatcherRuntime());
