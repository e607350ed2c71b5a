import { ticketReplySchema } from '@rapport/domain';
import { created, createHttpHandler, ticketEndpoints } from '@rapport/http';
import { ticketsRuntime, type TicketsRuntime } from '../shared/runtime/tickets';
import { ticketIdParams } from './ticket-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createReplyToTicketHandler = (rt: TicketsRuntime) =>
  createHttpHandler(idempotentRuntime(rt), ticketEndpoints.replyToTicket, { params: ticketIdParams, body: ticketReplySchema }, async ({ params, body, actor }) =>
    created(await rt.ticketsFor(actor).reply(params.id, body)),
  );

export const handler = createReplyToTicketHandler(ticketsRuntime());
