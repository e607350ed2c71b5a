import { dealCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { versionHeaders } from './sales-http';

export const createCreateDealHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createDeal', { body: dealCreateSchema }, async ({ body, actor }) => {
    const deal = await rt.dealsFor(actor).create(body);
    return created(deal, { ...versionHeaders(deal), location: `/v1/deals/${deal.id}` });
  });

export const handler = createCreateDealHandler(runtime());
