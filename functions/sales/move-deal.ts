import { dealMoveSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { dealIdParams, versionHeaders } from './sales-http';

export const createMoveDealHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'moveDeal', { params: dealIdParams, body: dealMoveSchema }, async ({ params, body, headers, actor }) => {
    const deal = await rt.dealsFor(actor).move(params.id, body.stageId, expectedVersion(headers['if-match'], body.version));
    return ok(deal, versionHeaders(deal));
  });

export const handler = createMoveDealHandler(runtime());
