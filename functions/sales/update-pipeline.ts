import { pipelinePatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { pipelineIdParams, versionHeaders } from './sales-http';

export const createUpdatePipelineHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updatePipeline', { params: pipelineIdParams, body: pipelinePatchSchema }, async ({ params, body, headers, actor }) => {
    const pipeline = await rt.pipelinesFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(pipeline, versionHeaders(pipeline));
  });

export const handler = createUpdatePipelineHandler(runtime());
