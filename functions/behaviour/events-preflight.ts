import { createHttpHandler, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

/** The CORS preflight of `POST /v1/events`; the shared chain adds the CORS headers. */
export const createEventsPreflightHandler = (rt: Runtime) => createHttpHandler(rt, 'eventsPreflight', {}, async () => noContent());

export const handler = createEventsPreflightHandler(runtime());
