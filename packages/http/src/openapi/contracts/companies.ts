import { COMPANY_SIZES, companyCreateSchema, companyPatchSchema, LIFECYCLE_STAGES, ULID_PATTERN } from '@rapport/domain';
import * as z from 'zod';
import { ETAG, ETAG_AND_LOCATION, noContentResponse, okWith, pageOf, versioned, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { companyRoutes } from '../../routes/companies';
import { customFieldValuesSchema } from './contacts';

/** The `{id}` path parameter of the company routes. */
export const companyIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a company id') });

/** `?limit=&cursor=` of the company list. */
export const companyListQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export const companySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domain: z.string().optional(),
    industry: z.string().optional(),
    size: z.enum(COMPANY_SIZES).optional(),
    region: z.string().optional(),
    phone: z.string().optional(),
    address: z.string().optional(),
    tags: z.array(z.string()).optional(),
    lifecycleStage: z.enum(LIFECYCLE_STAGES).optional(),
    sourceChannel: z.string().optional(),
    ownerId: z.string(),
    contactCount: z.int().min(0),
    customFields: customFieldValuesSchema.optional(),
    ...versioned,
  })
  .meta({ id: 'Company' });

export const companyContracts = {
  createCompany: {
    tag: 'companies',
    request: { body: companyCreateSchema },
    responses: { 201: { description: 'The company, with its ETag and Location', body: companySchema, headers: ETAG_AND_LOCATION } },
  },
  listCompanies: {
    tag: 'companies',
    request: { query: companyListQuery },
    responses: okWith(pageOf(companySchema), 'A page of companies, oldest first'),
  },
  getCompany: {
    tag: 'companies',
    request: { params: companyIdParams },
    responses: okWith(companySchema, 'The company, with its ETag', ETAG),
  },
  updateCompany: {
    tag: 'companies',
    ifMatch: true,
    request: { params: companyIdParams, body: companyPatchSchema },
    responses: okWith(companySchema, 'The changed company, with its new ETag', ETAG),
    errors: { 409: 'The company changed since the version sent (If-Match or version)' },
  },
  deleteCompany: {
    tag: 'companies',
    ifMatch: true,
    request: { params: companyIdParams },
    responses: { 204: noContentResponse },
    errors: { 409: 'Contacts still belong to the company, or it changed since the version sent' },
  },
} satisfies Record<keyof typeof companyRoutes, RouteContract>;

/** The companies routes with their contracts, as the handlers are built from them. */
export const companyEndpoints = /* @__PURE__ */ endpointsOf(companyRoutes, companyContracts);
