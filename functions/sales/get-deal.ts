import { createHttpHandler, ok, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';
import { dealIdParams, versionHeaders } from './sales-http';

export const createGetDealHandler = (rt: SalesRuntime) =>
  createHttpHandler(rt, salesEndpoints.getDeal, { params: dealIdParams }, async ({ params, actor }) => {
    const deal = await rt.dealsFor(actor).get(params.id);
    return ok(deal, versionHeaders(deal));
  });

export const handler = createGetDealHandler(salesRuntime());
