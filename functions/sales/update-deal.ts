import { dealPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';
import { dealIdParams, versionHeaders } from './sales-http';

export const createUpdateDealHandler = (rt: SalesRuntime) =>
  createHttpHandler(rt, salesEndpoints.updateDeal, { params: dealIdParams, body: dealPatchSchema }, async ({ params, body, headers, actor }) => {
    const deal = await rt.dealsFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(deal, versionHeaders(deal));
  });

export const handler = createUpdateDealHandler(salesRuntime());
