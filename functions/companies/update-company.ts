import { companyPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { companyHeaders, companyIdParams } from './company-http';

export const createUpdateCompanyHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updateCompany', { params: companyIdParams, body: companyPatchSchema }, async ({ params, body, headers, actor }) => {
    const version = expectedVersion(headers['if-match'], body.version);
    const company = await rt.companiesFor(actor).update(params.id, body, version);
    return ok(company, companyHeaders(company));
  });

export const handler = createUpdateCompanyHandler(runtime());
