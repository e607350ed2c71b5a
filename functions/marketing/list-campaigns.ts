import { createHttpHandler, decodeCursor, encodeCursor, marketingEndpoints, ok } from '@rapport/http';
import { marketingRuntime, type MarketingRuntime } from '../shared/runtime/marketing';
import { pageQuery } from './marketing-http';

export const createListCampaignsHandler = (rt: MarketingRuntime) =>
  createHttpHandler(rt, marketingEndpoints.listCampaigns, { query: pageQuery }, async ({ query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.campaignsFor(actor).list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListCampaignsHandler(marketingRuntime());
