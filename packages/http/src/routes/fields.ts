import type { RouteDefinition } from './route-definition';

/** The fields routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/fields.ts`. */
export const fieldRoutes = {
  listFields: {
    method: 'GET',
    path: '/v1/fields',
    handler: 'fields/list-fields',
    authorization: 'contacts:read',
    access: { table: 'readWrite' },
    summary: 'The custom fields defined on contacts and companies, oldest first, with cursor pagination',
  },
  createField: {
    method: 'POST',
    path: '/v1/fields',
    handler: 'fields/create-field',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    idempotent: true,
    summary: 'Define a custom field on contacts or companies',
  },
  getField: {
    method: 'GET',
    path: '/v1/fields/{id}',
    handler: 'fields/get-field',
    authorization: 'contacts:read',
    access: { table: 'readWrite' },
    summary: 'One custom field definition',
  },
  updateField: {
    method: 'PATCH',
    path: '/v1/fields/{id}',
    handler: 'fields/update-field',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: "Change a custom field's label, options or whether it is required",
  },
  deleteField: {
    method: 'DELETE',
    path: '/v1/fields/{id}',
    handler: 'fields/delete-field',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'Delete a custom field; its values are no longer shown and go with the next write of each record',
  },
} as const satisfies Record<string, RouteDefinition>;
