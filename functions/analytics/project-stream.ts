import { analyticsProjectorRuntime } from './analytics-runtime';
import { createProjectStreamHandler } from './project-stream-handler';

/** Lambda's entry; the factory lives apart so tests and the local stack build it with their own runtime. */
export const handler = createProjectStreamHandler(analyticsProjectorRuntime());
