import { createHttpHandler, expectedVersion, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { dealIdParams } from './sales-http';

export const createDeleteDealHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'deleteDeal', { params: dealIdParams }, async ({ params, headers, actor }) => {
    await rt.dealsFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteDealHandler(runtime());
