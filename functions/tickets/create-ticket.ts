import { ticketCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { ticketHeaders } from './ticket-http';

export const createCreateTicketHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createTicket', { body: ticketCreateSchema }, async ({ body, actor }) => {
    const ticket = await rt.ticketsFor(actor).create(body);
    return created(ticket, { ...ticketHeaders(ticket), location: `/v1/tickets/${ticket.id}` });
  });

export const handler = createCreateTicketHandler(runtime());
