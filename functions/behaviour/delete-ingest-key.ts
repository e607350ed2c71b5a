import { ULID_PATTERN } from '@rapport/domain';
import { createHttpHandler, noContent } from '@rapport/http';
import { z } from 'zod';
import { runtime, type Runtime } from '../shared/runtime';

const keyIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be an ingest key id') });

export const createDeleteIngestKeyHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'deleteIngestKey', { params: keyIdParams }, async ({ params, actor }) => {
    await rt.ingestKeysFor(actor).delete(params.id);
    return noContent();
  });

export const handler = createDeleteIngestKeyHandler(runtime());
