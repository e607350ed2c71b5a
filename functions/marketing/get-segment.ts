import { createHttpHandler, marketingEndpoints, ok } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { segmentIdParams, versionHeaders } from './marketing-http';

export const createGetSegmentHandler = (rt: MarketingRuntime) =>
  createHttpHandler(rt, marketingEndpoints.getSegment, { params: segmentIdParams }, async ({ params, actor }) => {
    const segment = await rt.segmentsFor(actor).get(params.id);
    return ok(segment, versionHeaders(segment));
  });

export const handler = createGetSegmentHandler(marketingRuntime());
