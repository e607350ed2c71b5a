import { slaPolicyInputSchema } from '@rapport/domain';
import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createUpdateSlaPolicyHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updateSlaPolicy', { body: slaPolicyInputSchema }, async ({ body, actor }) => ok(await rt.ticketsFor(actor).setPolicy(body)));

export const handler = createUpdateSlaPolicyHandler(runtime());
