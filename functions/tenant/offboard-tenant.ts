import { createHttpHandler, offboardBody, ok, tenantEndpoints } from '@rapport/http';
import { tenantRuntime, type TenantRuntime } from '../shared/runtime/tenant';

export const createOffboardTenantHandler = (rt: TenantRuntime) =>
  createHttpHandler(rt, tenantEndpoints.offboardTenant, { body: offboardBody }, async ({ body, actor }) =>
    ok(await rt.tenantAdminFor(actor).offboard(body.confirm)),
  );

export const handler = createOffboardTenantHandler(tenantRuntime());
