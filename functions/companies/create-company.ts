import { companyCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { companyHeaders } from './company-http';

export const createCreateCompanyHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createCompany', { body: companyCreateSchema }, async ({ body, actor }) => {
    const company = await rt.companiesFor(actor).create(body);
    return created(company, { ...companyHeaders(company), location: `/v1/companies/${company.id}` });
  });

export const handler = createCreateCompanyHandler(runtime());
