import { dealWonSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { dealIdParams, versionHeaders } from './sales-http';

export const createWinDealHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'winDeal', { params: dealIdParams, body: dealWonSchema }, async ({ params, body, headers, actor }) => {
    const deal = await rt.dealsFor(actor).win(params.id, expectedVersion(headers['if-match'], body.version));
    return ok(deal, versionHeaders(deal));
  });

export const handler = createWinDealHandler(runtime());
