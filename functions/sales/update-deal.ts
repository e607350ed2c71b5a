import { dealPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { dealIdParams, versionHeaders } from './sales-http';

export const createUpdateDealHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updateDeal', { params: dealIdParams, body: dealPatchSchema }, async ({ params, body, headers, actor }) => {
    const deal = await rt.dealsFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(deal, versionHeaders(deal));
  });

export const handler = createUpdateDealHandler(runtime());
