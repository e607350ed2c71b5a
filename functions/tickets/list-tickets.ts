import { createHttpHandler, ok, ticketEndpoints } from '@rapport/http';
import { ticketsRuntime, type TicketsRuntime } from '../shared/runtime/tickets';
import { afterIdOf, pageBody, ticketListQuery } from './ticket-http';

export const createListTicketsHandler = (rt: TicketsRuntime) =>
  createHttpHandler(rt, ticketEndpoints.listTickets, { query: ticketListQuery }, async ({ query, actor }) => {
    const { limit, cursor, breached, ...filter } = query;
    const page = await rt.ticketsFor(actor).list({ ...filter, ...(breached ? { breached: true } : {}) }, { limit, ...afterIdOf(cursor) });
    return ok(pageBody(page));
  });

export const handler = createListTicketsHandler(ticketsRuntime());
