import { behaviourEndpoints, createHttpHandler, noContent } from '@rapport/http';
import { behaviourRuntime, type BehaviourRuntime } from '../shared/runtime/behaviour';

/** The CORS preflight of `POST /v1/events`; the shared chain adds the CORS headers. */
export const createEventsPreflightHandler = (rt: BehaviourRuntime) => createHttpHandler(rt, behaviourEndpoints.eventsPreflight, {}, async () => noContent());

export const handler = createEventsPreflightHandler(behaviourRuntime());
