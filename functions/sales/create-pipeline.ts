import { pipelineCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { versionHeaders } from './sales-http';

export const createCreatePipelineHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createPipeline', { body: pipelineCreateSchema }, async ({ body, actor }) => {
    const pipeline = await rt.pipelinesFor(actor).create(body);
    return created(pipeline, { ...versionHeaders(pipeline), location: `/v1/pipelines/${pipeline.id}` });
  });

export const handler = createCreatePipelineHandler(runtime());
