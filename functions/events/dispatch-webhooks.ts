import { createDispatchWebhooksHandler } from './dispatch-webhooks-handler';
import { dispatcherRuntime } from './events-runtime';

/** Lambda's entry; the factory lives apart so the local stack can wire it to its in-process bus. */
export const handler = createDispatchWebhooksHandler(dispatcherRuntime());
