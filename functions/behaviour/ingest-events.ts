import { behaviourBatchSchema } from '@rapport/domain';
import { behaviourEndpoints, createHttpHandler } from '@rapport/http';
import { behaviourRuntime, type BehaviourRuntime } from '../shared/runtime/behaviour';

/** Behaviour events from the workspace's site or app, with its ingest key; `202` with what was counted. */
export const createIngestEventsHandler = (rt: BehaviourRuntime) =>
  createHttpHandler(rt, behaviourEndpoints.ingestEvents, { body: behaviourBatchSchema }, async ({ body, ingestKey, request }) => ({
    statusCode: 202,
    body: await rt.behaviourFor(ingestKey, request).ingest(body),
  }));

export const handler = createIngestEventsHandler(behaviourRuntime());
