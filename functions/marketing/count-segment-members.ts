import { createHttpHandler, marketingEndpoints, ok } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { segmentIdParams } from './marketing-http';

export const createCountSegmentMembersHandler = (rt: MarketingRuntime) =>
  createHttpHandler(rt, marketingEndpoints.countSegmentMembers, { params: segmentIdParams }, async ({ params, actor }) => ok(await rt.segmentsFor(actor).count(params.id)));

export const handler = createCountSegmentMembersHandler(marketingRuntime());
