import { dealLostSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';
import { dealIdParams, versionHeaders } from './sales-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createLoseDealHandler = (rt: SalesRuntime) =>
  createHttpHandler(idempotentRuntime(rt), salesEndpoints.loseDeal, { params: dealIdParams, body: dealLostSchema }, async ({ params, body, headers, actor }) => {
    const deal = await rt.dealsFor(actor).lose(params.id, body.reason, expectedVersion(headers['if-match'], body.version));
    return ok(deal, versionHeaders(deal));
  });

export const handler = createLoseDealHandler(salesRuntime());
