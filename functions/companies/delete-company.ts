import { createHttpHandler, expectedVersion, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { companyIdParams } from './company-http';

export const createDeleteCompanyHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'deleteCompany', { params: companyIdParams }, async ({ params, headers, actor }) => {
    await rt.companiesFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteCompanyHandler(runtime());
