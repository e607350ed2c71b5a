import { createHttpHandler, ok, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';
import { pipelineIdParams, versionHeaders } from './sales-http';

export const createGetPipelineHandler = (rt: SalesRuntime) =>
  createHttpHandler(rt, salesEndpoints.getPipeline, { params: pipelineIdParams }, async ({ params, actor }) => {
    const pipeline = await rt.pipelinesFor(actor).get(params.id);
    return ok(pipeline, versionHeaders(pipeline));
  });

export const handler = createGetPipelineHandler(salesRuntime());
