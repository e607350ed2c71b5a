import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { ticketHeaders, ticketIdParams } from './ticket-http';

export const createGetTicketHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getTicket', { params: ticketIdParams }, async ({ params, actor }) => {
    const ticket = await rt.ticketsFor(actor).get(params.id);
    return ok(ticket, ticketHeaders(ticket));
  });

export const handler = createGetTicketHandler(runtime());
