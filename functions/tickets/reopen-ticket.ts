import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { ticketHeaders, ticketIdParams } from './ticket-http';

export const createReopenTicketHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'reopenTicket', { params: ticketIdParams }, async ({ params, actor }) => {
    const ticket = await rt.ticketsFor(actor).reopen(params.id);
    return ok(ticket, ticketHeaders(ticket));
  });

export const handler = createReopenTicketHandler(runtime());
