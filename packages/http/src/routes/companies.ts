import type { RouteDefinition } from './route-definition';

/** The companies routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/companies.ts`. */
export const companyRoutes = {
  createCompany: {
    method: 'POST',
    path: '/v1/companies',
    handler: 'companies/create-company',
    authorization: 'contacts:write',
    access: { table: 'readWrite', fieldKeys: true },
    idempotent: true,
    summary: 'Create a company (account)',
  },
  listCompanies: {
    method: 'GET',
    path: '/v1/companies',
    handler: 'companies/list-companies',
    authorization: 'contacts:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'List companies, oldest first, with cursor pagination',
  },
  getCompany: {
    method: 'GET',
    path: '/v1/companies/{id}',
    handler: 'companies/get-company',
    authorization: 'contacts:read',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Get a company',
  },
  updateCompany: {
    method: 'PATCH',
    path: '/v1/companies/{id}',
    handler: 'companies/update-company',
    authorization: 'contacts:write',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Change some fields of a company',
  },
  deleteCompany: {
    method: 'DELETE',
    path: '/v1/companies/{id}',
    handler: 'companies/delete-company',
    authorization: 'contacts:delete',
    access: { table: 'readWrite' },
    summary: 'Delete a company no contact belongs to',
  },
} as const satisfies Record<string, RouteDefinition>;
