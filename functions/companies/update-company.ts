import { companyPatchSchema, normalisePhone, usePhoneParser } from '@rapport/domain';
import { companyEndpoints, createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { companiesRuntime, type CompaniesRuntime } from '../shared/runtime/companies';
import { companyHeaders, companyIdParams } from './company-http';

// This route takes a phone: its bundle holds the parser (see usePhoneParser).
usePhoneParser(normalisePhone);

export const createUpdateCompanyHandler = (rt: CompaniesRuntime) =>
  createHttpHandler(rt, companyEndpoints.updateCompany, { params: companyIdParams, body: companyPatchSchema }, async ({ params, body, headers, actor }) => {
    const version = expectedVersion(headers['if-match'], body.version);
    const company = await rt.companiesFor(actor).update(params.id, body, version);
    return ok(company, companyHeaders(company));
  });

export const handler = createUpdateCompanyHandler(companiesRuntime());
