import { companyCreateSchema, normalisePhone, usePhoneParser } from '@rapport/domain';
import { companyEndpoints, created, createHttpHandler } from '@rapport/http';
import { companiesRuntime, type CompaniesRuntime } from '../shared/runtime/companies';
import { companyHeaders } from './company-http';
import { sealedIdempotentRuntime } from '../shared/sealed-idempotency';

// This route takes a phone: its bundle holds the parser (see usePhoneParser).
usePhoneParser(normalisePhone);

export const createCreateCompanyHandler = (rt: CompaniesRuntime) =>
  createHttpHandler(sealedIdempotentRuntime(rt), companyEndpoints.createCompany, { body: companyCreateSchema }, async ({ body, actor }) => {
    const company = await rt.companiesFor(actor).create(body);
    return created(company, { ...companyHeaders(company), location: `/v1/companies/${company.id}` });
  });

export const handler = createCreateCompanyHandler(companiesRuntime());
