import { createHttpHandler, decodeCursor, encodeCursor, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { pageQuery, segmentIdParams } from './marketing-http';

export const createListSegmentMembersHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listSegmentMembers', { params: segmentIdParams, query: pageQuery }, async ({ params, query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.segmentsFor(actor).members(params.id, { limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items.map((member) => ({ ...member, matched: member.matched ?? [] })), nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListSegmentMembersHandler(runtime());
