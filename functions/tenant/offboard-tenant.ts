import { createHttpHandler, offboardBody, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createOffboardTenantHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'offboardTenant', { body: offboardBody }, async ({ body, actor }) =>
    ok(await rt.tenantAdminFor(actor).offboard(body.confirm)),
  );

export const handler = createOffboardTenantHandler(runtime());
