import { companyPatchSchema } from '@rapport/domain';
import { companyEndpoints, createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { companiesRuntime, type CompaniesRuntime } from '../shared/runtime/companies';
import { companyHeaders, companyIdParams } from './company-http';

export const createUpdateCompanyHandler = (rt: CompaniesRuntime) =>
  createHttpHandler(rt, companyEndpoints.updateCompany, { params: companyIdParams, body: companyPatchSchema }, async ({ params, body, headers, actor }) => {
    const version = expectedVersion(headers['if-match'], body.version);
    const company = await rt.companiesFor(actor).update(params.id, body, version);
    return ok(company, companyHeaders(company));
  });

export const handler = createUpdateCompanyHandler(companiesRuntime());
