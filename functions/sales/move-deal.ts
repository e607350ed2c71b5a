import { dealMoveSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';
import { dealIdParams, versionHeaders } from './sales-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createMoveDealHandler = (rt: SalesRuntime) =>
  createHttpHandler(idempotentRuntime(rt), salesEndpoints.moveDeal, { params: dealIdParams, body: dealMoveSchema }, async ({ params, body, headers, actor }) => {
    const deal = await rt.dealsFor(actor).move(params.id, body.stageId, expectedVersion(headers['if-match'], body.version));
    return ok(deal, versionHeaders(deal));
  });

export const handler = createMoveDealHandler(salesRuntime());
