import { behaviourEndpoints, createHttpHandler, ingestKeyIdParams, noContent } from '@rapport/http';
import { behaviourRuntime, type BehaviourRuntime } from '../shared/runtime/behaviour';

export const createDeleteIngestKeyHandler = (rt: BehaviourRuntime) =>
  createHttpHandler(rt, behaviourEndpoints.deleteIngestKey, { params: ingestKeyIdParams }, async ({ params, actor }) => {
    await rt.ingestKeysFor(actor).delete(params.id);
    return noContent();
  });

export const handler = createDeleteIngestKeyHandler(behaviourRuntime());
