import { createHttpHandler, decodeCursor, encodeCursor, marketingEndpoints, ok } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { pageQuery, segmentIdParams } from './marketing-http';

export const createListSegmentMembersHandler = (rt: MarketingRuntime) =>
  createHttpHandler(rt, marketingEndpoints.listSegmentMembers, { params: segmentIdParams, query: pageQuery }, async ({ params, query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.segmentsFor(actor).members(params.id, { limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items.map((member) => ({ ...member, matched: member.matched ?? [] })), nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListSegmentMembersHandler(marketingRuntime());
