import { ticketPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { ticketHeaders, ticketIdParams } from './ticket-http';

export const createUpdateTicketHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updateTicket', { params: ticketIdParams, body: ticketPatchSchema }, async ({ params, body, headers, actor }) => {
    const ticket = await rt.ticketsFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(ticket, ticketHeaders(ticket));
  });

export const handler = createUpdateTicketHandler(runtime());
