import { ticketPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok, ticketEndpoints } from '@rapport/http';
import { ticketsRuntime, type TicketsRuntime } from '../shared/runtime/tickets';
import { ticketHeaders, ticketIdParams } from './ticket-http';

export const createUpdateTicketHandler = (rt: TicketsRuntime) =>
  createHttpHandler(rt, ticketEndpoints.updateTicket, { params: ticketIdParams, body: ticketPatchSchema }, async ({ params, body, headers, actor }) => {
    const ticket = await rt.ticketsFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(ticket, ticketHeaders(ticket));
  });

export const handler = createUpdateTicketHandler(ticketsRuntime());
