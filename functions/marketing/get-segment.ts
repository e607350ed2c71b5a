import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { segmentIdParams, versionHeaders } from './marketing-http';

export const createGetSegmentHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getSegment', { params: segmentIdParams }, async ({ params, actor }) => {
    const segment = await rt.segmentsFor(actor).get(params.id);
    return ok(segment, versionHeaders(segment));
  });

export const handler = createGetSegmentHandler(runtime());
