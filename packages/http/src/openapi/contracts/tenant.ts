import * as z from 'zod';
import { okWith, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { tenantRoutes } from '../../routes/tenant';

/** The workspace's exact name, typed by the owner: closing a workspace cannot be done by a stray click. */
export const offboardBody = z.strictObject({ confirm: z.string().min(1, 'is required: type the workspace name').max(200, 'must be at most 200 characters, as a workspace name is') });

export const tenantContracts = {
  rotateKeys: {
    tag: 'tenant',
    request: {},
    responses: okWith(z.object({ activeVersion: z.int().min(1), rewrapped: z.int().min(0) }), 'The new key version for new writes'),
  },
  offboardTenant: {
    tag: 'tenant',
    request: { body: offboardBody },
    responses: okWith(
      z.object({
        tenantId: z.string(),
        offboardedAt: z.iso.datetime(),
        keysDestroyed: z.int(),
        usersRemoved: z.int(),
        itemsDeleted: z.int(),
        unrecoverableAfter: z.iso.datetime(),
        statement: z.string(),
      }),
      'The receipt: keys destroyed, then data deleted',
    ),
  },
} satisfies Record<keyof typeof tenantRoutes, RouteContract>;

/** The tenant routes with their contracts, as the handlers are built from them. */
export const tenantEndpoints = /* @__PURE__ */ endpointsOf(tenantRoutes, tenantContracts);
