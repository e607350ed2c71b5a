import { createHttpHandler, ok } from '@rapport/http';
import { z } from 'zod';
import { runtime, type Runtime } from '../shared/runtime';

/** The workspace's exact name, typed by the owner: closing a workspace cannot be done by a stray click. */
const offboardBody = z.strictObject({ confirm: z.string().min(1, 'is required: type the workspace name') });

export const createOffboardTenantHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'offboardTenant', { body: offboardBody }, async ({ body, actor }) =>
    ok(await rt.tenantAdminFor(actor).offboard(body.confirm)),
  );

export const handler = createOffboardTenantHandler(runtime());
