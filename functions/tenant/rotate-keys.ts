import { createHttpHandler, ok, tenantEndpoints } from '@rapport/http';
import { tenantRuntime, type TenantRuntime } from '../shared/runtime/tenant';

export const createRotateKeysHandler = (rt: TenantRuntime) =>
  createHttpHandler(rt, tenantEndpoints.rotateKeys, {}, async ({ actor }) => ok(await rt.tenantAdminFor(actor).rotateKeys()));

export const handler = createRotateKeysHandler(tenantRuntime());
