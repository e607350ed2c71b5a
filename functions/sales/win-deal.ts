import { dealWonSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';
import { dealIdParams, versionHeaders } from './sales-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createWinDealHandler = (rt: SalesRuntime) =>
  createHttpHandler(idempotentRuntime(rt), salesEndpoints.winDeal, { params: dealIdParams, body: dealWonSchema }, async ({ params, body, headers, actor }) => {
    const deal = await rt.dealsFor(actor).win(params.id, expectedVersion(headers['if-match'], body.version));
    return ok(deal, versionHeaders(deal));
  });

export const handler = createWinDealHandler(salesRuntime());
