import { segmentCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, marketingEndpoints } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { versionHeaders } from './marketing-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createCreateSegmentHandler = (rt: MarketingRuntime) =>
  createHttpHandler(idempotentRuntime(rt), marketingEndpoints.createSegment, { body: segmentCreateSchema }, async ({ body, actor }) => {
    const segment = await rt.segmentsFor(actor).create(body);
    return created(segment, { ...versionHeaders(segment), location: `/v1/segments/${segment.id}` });
  });

export const handler = createCreateSegmentHandler(marketingRuntime());
