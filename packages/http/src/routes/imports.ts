import type { RouteDefinition } from './route-definition';

/** The imports routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/imports.ts`. */
export const importRoutes = {
  createImport: {
    method: 'POST',
    path: '/v1/imports',
    handler: 'imports/create-import',
    authorization: 'contacts:write',
    access: { table: 'readWrite', imports: true },
    idempotent: true,
    summary: 'Start a CSV import of contacts, companies or orders; answers with the URL to PUT the file to',
  },
  getImport: {
    method: 'GET',
    path: '/v1/imports/{id}',
    handler: 'imports/get-import',
    authorization: 'contacts:write',
    access: { table: 'readWrite' },
    summary: "An import's status, progress and row errors",
  },
  previewImport: {
    method: 'GET',
    path: '/v1/imports/{id}/preview',
    handler: 'imports/preview-import',
    authorization: 'contacts:write',
    access: { table: 'readWrite', imports: true },
    summary: "The uploaded file's headers, first 20 rows and a suggested column mapping",
  },
  mapImport: {
    method: 'PUT',
    path: '/v1/imports/{id}/mapping',
    handler: 'imports/map-import',
    authorization: 'contacts:write',
    access: { table: 'readWrite' },
    summary: 'Say which field each column of the file fills',
  },
  dryRunImport: {
    method: 'POST',
    path: '/v1/imports/{id}/dry-run',
    handler: 'imports/dry-run-import',
    authorization: 'contacts:write',
    access: { table: 'readWrite', fieldKeys: true, imports: true },
    summary: 'Validate every row as the import would, find duplicates, write nothing',
  },
  commitImport: {
    method: 'POST',
    path: '/v1/imports/{id}/commit',
    handler: 'imports/commit-import',
    authorization: 'contacts:write',
    access: { table: 'readWrite', imports: true },
    idempotent: true,
    summary: 'Start importing the rows (again on a running import: resume it); follow it with GET /v1/imports/{id}',
  },
} as const satisfies Record<string, RouteDefinition>;
