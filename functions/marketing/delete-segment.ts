import { createHttpHandler, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { segmentIdParams } from './marketing-http';

export const createDeleteSegmentHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'deleteSegment', { params: segmentIdParams }, async ({ params, actor }) => {
    await rt.segmentsFor(actor).delete(params.id);
    return noContent();
  });

export const handler = createDeleteSegmentHandler(runtime());
