import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createGetSlaPolicyHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getSlaPolicy', {}, async ({ actor }) => ok(await rt.ticketsFor(actor).getPolicy()));

export const handler = createGetSlaPolicyHandler(runtime());
