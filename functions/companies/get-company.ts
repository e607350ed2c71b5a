import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { companyHeaders, companyIdParams } from './company-http';

export const createGetCompanyHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getCompany', { params: companyIdParams }, async ({ params, actor }) => {
    const company = await rt.companiesFor(actor).get(params.id);
    return ok(company, companyHeaders(company));
  });

export const handler = createGetCompanyHandler(runtime());
