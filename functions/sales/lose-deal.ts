import { dealLostSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { dealIdParams, versionHeaders } from './sales-http';

export const createLoseDealHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'loseDeal', { params: dealIdParams, body: dealLostSchema }, async ({ params, body, headers, actor }) => {
    const deal = await rt.dealsFor(actor).lose(params.id, body.reason, expectedVersion(headers['if-match'], body.version));
    return ok(deal, versionHeaders(deal));
  });

export const handler = createLoseDealHandler(runtime());
