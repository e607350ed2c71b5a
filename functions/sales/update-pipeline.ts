import { pipelinePatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';
import { pipelineIdParams, versionHeaders } from './sales-http';

export const createUpdatePipelineHandler = (rt: SalesRuntime) =>
  createHttpHandler(rt, salesEndpoints.updatePipeline, { params: pipelineIdParams, body: pipelinePatchSchema }, async ({ params, body, headers, actor }) => {
    const pipeline = await rt.pipelinesFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(pipeline, versionHeaders(pipeline));
  });

export const handler = createUpdatePipelineHandler(salesRuntime());
