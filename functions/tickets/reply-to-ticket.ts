import { ticketReplySchema } from '@rapport/domain';
import { created, createHttpHandler, ticketEndpoints } from '@rapport/http';
import { ticketsRuntime, type TicketsRuntime } from '../shared/runtime/tickets';
import { ticketIdParams } from './ticket-http';
import { sealedIdempotentRuntime } from '../shared/sealed-idempotency';

export const createReplyToTicketHandler = (rt: TicketsRuntime) =>
  createHttpHandler(sealedIdempotentRuntime(rt), ticketEndpoints.replyToTicket, { params: ticketIdParams, body: ticketReplySchema }, async ({ params, body, actor }) =>
    created(await rt.ticketsFor(actor).reply(params.id, body)),
  );

export const handler = createReplyToTicketHandler(ticketsRuntime());
