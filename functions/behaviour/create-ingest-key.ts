import { ingestKeyCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createCreateIngestKeyHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createIngestKey', { body: ingestKeyCreateSchema }, async ({ body, actor }) =>
    created(await rt.ingestKeysFor(actor).create(body.name)),
  );

export const handler = createCreateIngestKeyHandler(runtime());
