import { segmentPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { segmentIdParams, versionHeaders } from './marketing-http';

export const createUpdateSegmentHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updateSegment', { params: segmentIdParams, body: segmentPatchSchema }, async ({ params, body, headers, actor }) => {
    const segment = await rt.segmentsFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(segment, versionHeaders(segment));
  });

export const handler = createUpdateSegmentHandler(runtime());
