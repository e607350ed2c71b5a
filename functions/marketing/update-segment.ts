import { segmentPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, marketingEndpoints, ok } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { segmentIdParams, versionHeaders } from './marketing-http';

export const createUpdateSegmentHandler = (rt: MarketingRuntime) =>
  createHttpHandler(rt, marketingEndpoints.updateSegment, { params: segmentIdParams, body: segmentPatchSchema }, async ({ params, body, headers, actor }) => {
    const segment = await rt.segmentsFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(segment, versionHeaders(segment));
  });

export const handler = createUpdateSegmentHandler(marketingRuntime());
