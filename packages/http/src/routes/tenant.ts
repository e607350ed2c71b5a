import type { RouteDefinition } from './route-definition';

/** The tenant routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/tenant.ts`. */
export const tenantRoutes = {
  rotateKeys: {
    method: 'POST',
    path: '/v1/tenant/keys/rotate',
    handler: 'tenant/rotate-keys',
    authorization: 'settings:manage',
    access: { table: 'readWrite', fieldKeys: true },
    idempotent: true,
    summary: "Rotate the workspace's data encryption key",
  },
  offboardTenant: {
    method: 'DELETE',
    path: '/v1/tenant',
    handler: 'tenant/offboard-tenant',
    authorization: 'tenant:delete',
    access: { table: 'readWrite', userPoolAdmin: true },
    summary: 'Close the workspace: destroy its keys, then its data; returns a receipt',
  },
} as const satisfies Record<string, RouteDefinition>;
