import { companyEndpoints, companyListQuery, createHttpHandler, decodeCursor, encodeCursor, ok } from '@rapport/http';
import { companiesRuntime, type CompaniesRuntime } from '../shared/runtime/companies';

export const createListCompaniesHandler = (rt: CompaniesRuntime) =>
  createHttpHandler(rt, companyEndpoints.listCompanies, { query: companyListQuery }, async ({ query, actor }) => {
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await rt.companiesFor(actor).list({ limit: query.limit, ...(afterId ? { afterId } : {}) });
    return ok({ items: page.items, nextCursor: page.lastId ? encodeCursor(page.lastId) : null });
  });

export const handler = createListCompaniesHandler(companiesRuntime());
