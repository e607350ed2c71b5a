import { createHttpHandler, ok, ticketEndpoints } from '@rapport/http';
import { ticketsRuntime, type TicketsRuntime } from '../shared/runtime/tickets';

export const createGetSlaPolicyHandler = (rt: TicketsRuntime) =>
  createHttpHandler(rt, ticketEndpoints.getSlaPolicy, {}, async ({ actor }) => ok(await rt.ticketsFor(actor).getPolicy()));

export const handler = createGetSlaPolicyHandler(ticketsRuntime());
