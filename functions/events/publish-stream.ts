import { publisherRuntime } from './events-runtime';
import { createPublishStreamHandler } from './publish-stream-handler';

/** Lambda's entry; the factory lives apart so the local stack can wire it to its in-process bus. */
export const handler = createPublishStreamHandler(publisherRuntime());
