import { PUBLIC, type RouteDefinition } from './route-definition';

/** The behaviour routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/behaviour.ts`. */
export const behaviourRoutes = {
  ingestEvents: {
    method: 'POST',
    path: '/v1/events',
    handler: 'behaviour/ingest-events',
    authorization: 'ingest-key',
    access: { table: 'readWrite', fieldKeys: true },
    cors: true,
    summary: "Record a batch (up to 500) of page views, clicks and dwell time from the workspace's site",
  },
  eventsPreflight: {
    method: 'OPTIONS',
    path: '/v1/events',
    handler: 'behaviour/events-preflight',
    authorization: PUBLIC,
    access: {},
    cors: true,
    summary: "CORS preflight, so a browser on the workspace's site may send events",
  },
  createIngestKey: {
    method: 'POST',
    path: '/v1/ingest-keys',
    handler: 'behaviour/create-ingest-key',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'Create a key for sending behaviour events; its secret is shown once',
  },
  listIngestKeys: {
    method: 'GET',
    path: '/v1/ingest-keys',
    handler: 'behaviour/list-ingest-keys',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'The workspace ingest keys (never their secrets)',
  },
  deleteIngestKey: {
    method: 'DELETE',
    path: '/v1/ingest-keys/{id}',
    handler: 'behaviour/delete-ingest-key',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'Revoke an ingest key',
  },
} as const satisfies Record<string, RouteDefinition>;
