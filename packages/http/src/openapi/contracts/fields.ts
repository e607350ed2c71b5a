import { FIELD_ENTITIES, FIELD_TYPES, fieldCreateSchema, fieldPatchSchema, ULID_PATTERN } from '@rapport/domain';
import * as z from 'zod';
import { ETAG, ETAG_AND_LOCATION, noContentResponse, okWith, pageOf, versioned, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { fieldRoutes } from '../../routes/fields';

/** The `{id}` path parameter of the field routes. */
export const fieldIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a field id') });

/** `?limit=&cursor=` of the field list. */
export const fieldListQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export const fieldDefinitionSchema = z
  .object({
    id: z.string(),
    entity: z.enum(FIELD_ENTITIES),
    key: z.string().describe('The name its values go by in customFields'),
    label: z.string(),
    type: z.enum(FIELD_TYPES),
    options: z.array(z.string()).optional().describe('The allowed values of a select field, in display order'),
    required: z.boolean(),
    sensitive: z.boolean().describe('Values encrypted like personal data, masked without pii:read'),
    ...versioned,
  })
  .meta({ id: 'FieldDefinition' });

export const fieldContracts = {
  listFields: {
    tag: 'fields',
    request: { query: fieldListQuery },
    responses: okWith(pageOf(fieldDefinitionSchema), 'A page of custom field definitions, oldest first'),
  },
  createField: {
    tag: 'fields',
    request: { body: fieldCreateSchema },
    responses: { 201: { description: 'The definition, with its ETag and Location', body: fieldDefinitionSchema, headers: ETAG_AND_LOCATION } },
    errors: { 409: 'The entity has a field with this key already, or the workspace has as many fields as allowed (100)' },
  },
  getField: {
    tag: 'fields',
    request: { params: fieldIdParams },
    responses: okWith(fieldDefinitionSchema, 'The definition, with its ETag', ETAG),
  },
  updateField: {
    tag: 'fields',
    ifMatch: true,
    request: { params: fieldIdParams, body: fieldPatchSchema },
    responses: okWith(fieldDefinitionSchema, 'The changed definition, with its new ETag', ETAG),
    errors: { 409: 'The definition changed since the version sent, or the change is to its type or sensitivity, which are fixed' },
  },
  deleteField: {
    tag: 'fields',
    ifMatch: true,
    request: { params: fieldIdParams },
    responses: { 204: { ...noContentResponse, description: 'Deleted; records keep no visible value of it' } },
    errors: { 409: 'The definition changed since the version sent in If-Match' },
  },
} satisfies Record<keyof typeof fieldRoutes, RouteContract>;

/** The fields routes with their contracts, as the handlers are built from them. */
export const fieldEndpoints = /* @__PURE__ */ endpointsOf(fieldRoutes, fieldContracts);
