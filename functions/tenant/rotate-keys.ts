import { createHttpHandler, ok, tenantEndpoints } from '@rapport/http';
import { tenantRuntime, type TenantRuntime } from '../shared/runtime/tenant';
import { sealedIdempotentRuntime } from '../shared/sealed-idempotency';

export const createRotateKeysHandler = (rt: TenantRuntime) =>
  createHttpHandler(sealedIdempotentRuntime(rt), tenantEndpoints.rotateKeys, {}, async ({ actor }) => ok(await rt.tenantAdminFor(actor).rotateKeys()));

export const handler = createRotateKeysHandler(tenantRuntime());
