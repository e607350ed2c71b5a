import { behaviourBatchSchema } from '@rapport/domain';
import { createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

/** Behaviour events from the workspace's site or app, with its ingest key; `202` with what was counted. */
export const createIngestEventsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'ingestEvents', { body: behaviourBatchSchema }, async ({ body, ingestKey, request }) => ({
    statusCode: 202,
    body: await rt.behaviourFor(ingestKey, request).ingest(body),
  }));

export const handler = createIngestEventsHandler(runtime());
