import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { pipelineIdParams, versionHeaders } from './sales-http';

export const createGetPipelineHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getPipeline', { params: pipelineIdParams }, async ({ params, actor }) => {
    const pipeline = await rt.pipelinesFor(actor).get(params.id);
    return ok(pipeline, versionHeaders(pipeline));
  });

export const handler = createGetPipelineHandler(runtime());
