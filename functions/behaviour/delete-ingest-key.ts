import { createHttpHandler, ingestKeyIdParams, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createDeleteIngestKeyHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'deleteIngestKey', { params: ingestKeyIdParams }, async ({ params, actor }) => {
    await rt.ingestKeysFor(actor).delete(params.id);
    return noContent();
  });

export const handler = createDeleteIngestKeyHandler(runtime());
