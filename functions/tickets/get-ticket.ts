import { createHttpHandler, ok, ticketEndpoints } from '@rapport/http';
import { ticketsRuntime, type TicketsRuntime } from '../shared/runtime/tickets';
import { ticketHeaders, ticketIdParams } from './ticket-http';

export const createGetTicketHandler = (rt: TicketsRuntime) =>
  createHttpHandler(rt, ticketEndpoints.getTicket, { params: ticketIdParams }, async ({ params, actor }) => {
    const ticket = await rt.ticketsFor(actor).get(params.id);
    return ok(ticket, ticketHeaders(ticket));
  });

export const handler = createGetTicketHandler(ticketsRuntime());
