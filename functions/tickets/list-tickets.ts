import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { afterIdOf, pageBody, ticketListQuery } from './ticket-http';

export const createListTicketsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listTickets', { query: ticketListQuery }, async ({ query, actor }) => {
    const { limit, cursor, breached, ...filter } = query;
    const page = await rt.ticketsFor(actor).list({ ...filter, ...(breached ? { breached: true } : {}) }, { limit, ...afterIdOf(cursor) });
    return ok(pageBody(page));
  });

export const handler = createListTicketsHandler(runtime());
