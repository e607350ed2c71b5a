import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { ticketHeaders, ticketIdParams } from './ticket-http';

export const createResolveTicketHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'resolveTicket', { params: ticketIdParams }, async ({ params, actor }) => {
    const ticket = await rt.ticketsFor(actor).resolve(params.id);
    return ok(ticket, ticketHeaders(ticket));
  });

export const handler = createResolveTicketHandler(runtime());
