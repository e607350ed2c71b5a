import { segmentCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { versionHeaders } from './marketing-http';

export const createCreateSegmentHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createSegment', { body: segmentCreateSchema }, async ({ body, actor }) => {
    const segment = await rt.segmentsFor(actor).create(body);
    return created(segment, { ...versionHeaders(segment), location: `/v1/segments/${segment.id}` });
  });

export const handler = createCreateSegmentHandler(runtime());
