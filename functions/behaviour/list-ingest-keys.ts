import { behaviourEndpoints, createHttpHandler, ok } from '@rapport/http';
import { behaviourRuntime, type BehaviourRuntime } from '../shared/runtime/behaviour';

export const createListIngestKeysHandler = (rt: BehaviourRuntime) =>
  createHttpHandler(rt, behaviourEndpoints.listIngestKeys, {}, async ({ actor }) => ok({ items: await rt.ingestKeysFor(actor).list() }));

export const handler = createListIngestKeysHandler(behaviourRuntime());
