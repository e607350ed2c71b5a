import { contactConvertSchema } from '@rapport/domain';
import { created, createHttpHandler, salesEndpoints } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';
import { versionHeaders } from './sales-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createConvertContactHandler = (rt: SalesRuntime) =>
  createHttpHandler(idempotentRuntime(rt), salesEndpoints.convertContact, { params: contactIdParams, body: contactConvertSchema }, async ({ params, body, actor }) => {
    const deal = await rt.dealsFor(actor).convert(params.id, body);
    return created(deal, { ...versionHeaders(deal), location: `/v1/deals/${deal.id}` });
  });

export const handler = createConvertContactHandler(salesRuntime());
