import { dealCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';
import { versionHeaders } from './sales-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createCreateDealHandler = (rt: SalesRuntime) =>
  createHttpHandler(idempotentRuntime(rt), salesEndpoints.createDeal, { body: dealCreateSchema }, async ({ body, actor }) => {
    const deal = await rt.dealsFor(actor).create(body);
    return created(deal, { ...versionHeaders(deal), location: `/v1/deals/${deal.id}` });
  });

export const handler = createCreateDealHandler(salesRuntime());
