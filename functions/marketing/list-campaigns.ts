import { createHttpHandler, decodeCursor, encodeCursor, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { pageQuery } from './marketing-http';

export const createListCampaignsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listCampaigns', { query: pageQuery }, async ({ query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.campaignsFor(actor).list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListCampaignsHandler(runtime());
