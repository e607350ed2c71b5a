import { companyEndpoints, createHttpHandler, expectedVersion, noContent } from '@rapport/http';
import { companiesRuntime, type CompaniesRuntime } from '../shared/runtime/companies';
import { companyIdParams } from './company-http';

export const createDeleteCompanyHandler = (rt: CompaniesRuntime) =>
  createHttpHandler(rt, companyEndpoints.deleteCompany, { params: companyIdParams }, async ({ params, headers, actor }) => {
    await rt.companiesFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteCompanyHandler(companiesRuntime());
