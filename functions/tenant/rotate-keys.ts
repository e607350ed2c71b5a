import { createHttpHandler, ok, tenantEndpoints } from '@rapport/http';
import { tenantRuntime, type TenantRuntime } from '../shared/runtime/tenant';
import { idempotentRuntime } from '../shared/idempotency';

export const createRotateKeysHandler = (rt: TenantRuntime) =>
  createHttpHandler(idempotentRuntime(rt), tenantEndpoints.rotateKeys, {}, async ({ actor }) => ok(await rt.tenantAdminFor(actor).rotateKeys()));

export const handler = createRotateKeysHandler(tenantRuntime());
