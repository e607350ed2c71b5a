import { ticketReplySchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { ticketIdParams } from './ticket-http';

export const createReplyToTicketHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'replyToTicket', { params: ticketIdParams, body: ticketReplySchema }, async ({ params, body, actor }) =>
    created(await rt.ticketsFor(actor).reply(params.id, body)),
  );

export const handler = createReplyToTicketHandler(runtime());
