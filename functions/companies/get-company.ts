import { companyEndpoints, createHttpHandler, ok } from '@rapport/http';
import { companiesRuntime, type CompaniesRuntime } from '../shared/runtime/companies';
import { companyHeaders, companyIdParams } from './company-http';

export const createGetCompanyHandler = (rt: CompaniesRuntime) =>
  createHttpHandler(rt, companyEndpoints.getCompany, { params: companyIdParams }, async ({ params, actor }) => {
    const company = await rt.companiesFor(actor).get(params.id);
    return ok(company, companyHeaders(company));
  });

export const handler = createGetCompanyHandler(companiesRuntime());
