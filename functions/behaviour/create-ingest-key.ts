import { ingestKeyCreateSchema } from '@rapport/domain';
import { behaviourEndpoints, created, createHttpHandler } from '@rapport/http';
import { behaviourRuntime, type BehaviourRuntime } from '../shared/runtime/behaviour';

export const createCreateIngestKeyHandler = (rt: BehaviourRuntime) =>
  createHttpHandler(rt, behaviourEndpoints.createIngestKey, { body: ingestKeyCreateSchema }, async ({ body, actor }) =>
    created(await rt.ingestKeysFor(actor).create(body.name)),
  );

export const handler = createCreateIngestKeyHandler(behaviourRuntime());
