import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { dealIdParams, versionHeaders } from './sales-http';

export const createGetDealHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getDeal', { params: dealIdParams }, async ({ params, actor }) => {
    const deal = await rt.dealsFor(actor).get(params.id);
    return ok(deal, versionHeaders(deal));
  });

export const handler = createGetDealHandler(runtime());
