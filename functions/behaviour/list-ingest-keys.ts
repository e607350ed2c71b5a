import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createListIngestKeysHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listIngestKeys', {}, async ({ actor }) => ok({ items: await rt.ingestKeysFor(actor).list() }));

export const handler = createListIngestKeysHandler(runtime());
