import { pipelineCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, salesEndpoints } from '@rapport/http';
import { salesRuntime, type SalesRuntime } from '../shared/runtime/sales';
import { versionHeaders } from './sales-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createCreatePipelineHandler = (rt: SalesRuntime) =>
  createHttpHandler(idempotentRuntime(rt), salesEndpoints.createPipeline, { body: pipelineCreateSchema }, async ({ body, actor }) => {
    const pipeline = await rt.pipelinesFor(actor).create(body);
    return created(pipeline, { ...versionHeaders(pipeline), location: `/v1/pipelines/${pipeline.id}` });
  });

export const handler = createCreatePipelineHandler(salesRuntime());
