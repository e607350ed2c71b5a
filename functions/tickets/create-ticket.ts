import { ticketCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, ticketEndpoints } from '@rapport/http';
import { ticketsRuntime, type TicketsRuntime } from '../shared/runtime/tickets';
import { ticketHeaders } from './ticket-http';
import { sealedIdempotentRuntime } from '../shared/sealed-idempotency';

export const createCreateTicketHandler = (rt: TicketsRuntime) =>
  createHttpHandler(sealedIdempotentRuntime(rt), ticketEndpoints.createTicket, { body: ticketCreateSchema }, async ({ body, actor }) => {
    const ticket = await rt.ticketsFor(actor).create(body);
    return created(ticket, { ...ticketHeaders(ticket), location: `/v1/tickets/${ticket.id}` });
  });

export const handler = createCreateTicketHandler(ticketsRuntime());
