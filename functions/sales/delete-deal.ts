import { createHttpHandler, expectedVersion, noContent, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';
import { dealIdParams } from './sales-http';

export const createDeleteDealHandler = (rt: SalesRuntime) =>
  createHttpHandler(rt, salesEndpoints.deleteDeal, { params: dealIdParams }, async ({ params, headers, actor }) => {
    await rt.dealsFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteDealHandler(salesRuntime());
