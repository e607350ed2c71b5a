import { companyListQuery, createHttpHandler, decodeCursor, encodeCursor, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createListCompaniesHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listCompanies', { query: companyListQuery }, async ({ query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.companiesFor(actor).list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListCompaniesHandler(runtime());
