import { createHttpHandler, marketingEndpoints, noContent } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { segmentIdParams } from './marketing-http';

export const createDeleteSegmentHandler = (rt: MarketingRuntime) =>
  createHttpHandler(rt, marketingEndpoints.deleteSegment, { params: segmentIdParams }, async ({ params, actor }) => {
    await rt.segmentsFor(actor).delete(params.id);
    return noContent();
  });

export const handler = createDeleteSegmentHandler(marketingRuntime());
