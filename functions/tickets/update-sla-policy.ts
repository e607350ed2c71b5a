import { slaPolicyInputSchema } from '@rapport/domain';
import { createHttpHandler, ok, ticketEndpoints } from '@rapport/http';
import { ticketsRuntime, type TicketsRuntime } from '../shared/runtime/tickets';

export const createUpdateSlaPolicyHandler = (rt: TicketsRuntime) =>
  createHttpHandler(rt, ticketEndpoints.updateSlaPolicy, { body: slaPolicyInputSchema }, async ({ body, actor }) => ok(await rt.ticketsFor(actor).setPolicy(body)));

export const handler = createUpdateSlaPolicyHandler(ticketsRuntime());
