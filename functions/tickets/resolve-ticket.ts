import { createHttpHandler, ok, ticketEndpoints } from '@rapport/http';
import { ticketsRuntime, type TicketsRuntime } from '../shared/runtime/tickets';
import { ticketHeaders, ticketIdParams } from './ticket-http';
import { sealedIdempotentRuntime } from '../shared/sealed-idempotency';

export const createResolveTicketHandler = (rt: TicketsRuntime) =>
  createHttpHandler(sealedIdempotentRuntime(rt), ticketEndpoints.resolveTicket, { params: ticketIdParams }, async ({ params, actor }) => {
    const ticket = await rt.ticketsFor(actor).resolve(params.id);
    return ok(ticket, ticketHeaders(ticket));
  });

export const handler = createResolveTicketHandler(ticketsRuntime());
